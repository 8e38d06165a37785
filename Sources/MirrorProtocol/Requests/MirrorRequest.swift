import MirrorCore

/// A request with its op's parameters typed: decoded from a request line here, with failures that
/// name the parameter, the op and what would be right, and encoded here by the CLI.
public enum MirrorRequest: Sendable, Equatable {
    case status
    case list(ListRequest)
    case show(assistant: String)
    case history(HistoryRequest)
    case diff(DiffRequest)
    case changes(ChangesRequest)
    case report(ReportRequest)
    case verify(head: ChainVerification.Head?)
    case sync(SyncRequest)
    case writePrompt(PromptWriteRequest)
    /// Prometheus text format 0.0.4; the reply's `result` is the text as one JSON string.
    case metrics

    /// Reads the op's parameters from a parsed request line.
    public init(_ request: QueryRequest) throws(QueryFailure) {
        guard let operation = QueryOperation(rawValue: request.op) else {
            throw QueryFailure(
                id: request.id,
                code: .unknownOp,
                message: "unknown op \"\(request.op)\"; ops: \(QueryOperation.allNames)"
            )
        }
        switch operation {
        case .status: self = .status
        case .list: self = .list(try ListRequest(request))
        case .show: self = .show(assistant: try request.requiredString("assistant"))
        case .history: self = .history(try HistoryRequest(request))
        case .diff: self = .diff(try DiffRequest(request))
        case .changes: self = .changes(try ChangesRequest(request))
        case .report: self = .report(try ReportRequest(request))
        case .verify: self = .verify(head: try request.chainHead("head"))
        case .sync: self = .sync(try SyncRequest(request))
        case .setPrompt, .revert: self = .writePrompt(try PromptWriteRequest(request, operation: operation))
        case .metrics: self = .metrics
        }
    }

    public var operation: QueryOperation {
        switch self {
        case .status: .status
        case .list: .list
        case .show: .show
        case .history: .history
        case .diff: .diff
        case .changes: .changes
        case .report: .report
        case .verify: .verify
        case .sync: .sync
        case .writePrompt(let write): write.operation
        case .metrics: .metrics
        }
    }

    /// The request line a client sends: `{"v":1,"id":…,"op":…,…}` and a newline.
    public func line(id: JSONValue) -> [UInt8] {
        var members = parameters
        members["v"] = .number(String(QueryRequest.version))
        members["id"] = id
        members["op"] = .string(operation.rawValue)
        var bytes = JSONValue.object(members).canonicalBytes
        bytes.append(0x0A)
        return bytes
    }

    /// The op's parameters; absent ones are left out.
    public var parameters: [String: JSONValue] {
        switch self {
        case .status, .metrics: [:]
        case .list(let list): list.parameters
        case .show(let assistant): ["assistant": .string(assistant)]
        case .history(let history): history.parameters
        case .diff(let diff): diff.parameters
        case .changes(let changes): changes.parameters
        case .report(let report): report.parameters
        case .verify(let head): head.map { ["head": .string($0.text)] } ?? [:]
        case .sync(let sync): sync.parameters
        case .writePrompt(let write): write.parameters
        }
    }
}
