import MirrorCore

/// `report`'s parameters: the one kind ("prompts"), the period, an account, and a head to verify
/// against.
public struct ReportRequest: Sendable, Equatable {
    public static let prompts = "prompts"

    public let since: String?
    public let until: String?
    public let account: String?
    /// A head recorded earlier: verify then also catches a truncated tail or a recomputed chain.
    public let head: ChainVerification.Head?

    public init(since: String? = nil, until: String? = nil, account: String? = nil, head: ChainVerification.Head? = nil)
    {
        self.since = since
        self.until = until
        self.account = account
        self.head = head
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        let kind = try request.string("kind") ?? Self.prompts
        guard kind == Self.prompts else {
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "report kind \"\(kind)\" is unknown; the one report is \"\(Self.prompts)\""
            )
        }
        since = try request.timestamp("since")
        until = try request.timestamp("until")
        if let since, let until, since > until {
            // Timestamps in the stored format compare as text (design.md).
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "the period ends before it begins: since \(since) is after until \(until); swap them?"
            )
        }
        account = try request.string("account")
        head = try request.chainHead("head")
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["kind": .string(Self.prompts)]
        parameters["since"] = since.map(JSONValue.string)
        parameters["until"] = until.map(JSONValue.string)
        parameters["account"] = account.map(JSONValue.string)
        parameters["head"] = head.map { .string($0.text) }
        return parameters
    }
}
