import MirrorCore

/// One request line of the socket protocol (design.md, "Unix socket protocol"):
/// `{"v":1,"id":7,"op":"history","assistant":"puretalk-prod/3c90…"}`.
public struct QueryRequest: Sendable, Equatable {
    /// The protocol version this daemon speaks.
    public static let version = 1
    /// Nesting a request may have. Requests are flat; a deep one is an attack on the parser's stack
    /// (RFC 8259 §9 allows the limit; reliability.md §3 suggests 32).
    public static let maxDepth = 32
    /// The most rows one page of `list` or `changes` may ask for.
    public static let maxPage = 1000

    /// Echoed in the reply so a client can match replies to requests; any scalar, or absent.
    public let id: JSONValue
    public let op: String
    public let parameters: [String: JSONValue]

    /// Parses one line. A failure still yields the request id when one could be read, so the error
    /// reply can carry it.
    public static func parse(_ line: some Collection<UInt8>) -> Result<QueryRequest, QueryFailure> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(line, maxDepth: maxDepth)
        } catch {
            return .failure(
                QueryFailure(id: .null, code: .badRequest, message: "the request is not valid JSON: \(error)")
            )
        }
        guard case .object(var members) = json else {
            return .failure(
                QueryFailure(
                    id: .null,
                    code: .badRequest,
                    message: "a request is a JSON object, found \(json.typeName)"
                )
            )
        }
        let id = members.removeValue(forKey: "id") ?? .null
        switch id {
        case .array, .object:
            return .failure(
                QueryFailure(id: .null, code: .badRequest, message: "id must be a string, a number or null")
            )
        default: break
        }
        switch members.removeValue(forKey: "v") {
        case nil, .number("1")?: break
        case let other?:
            return .failure(
                QueryFailure(
                    id: id,
                    code: .unsupportedVersion,
                    message: "protocol version \(other.canonicalText) is not supported; this daemon speaks v 1"
                )
            )
        }
        guard let op = members.removeValue(forKey: "op")?.stringValue, !op.isEmpty else {
            return .failure(
                QueryFailure(
                    id: id,
                    code: .badRequest,
                    message: "the request has no \"op\" string; ops: \(QueryOperation.allNames)"
                )
            )
        }
        return .success(QueryRequest(id: id, op: op, parameters: members))
    }

    public init(id: JSONValue, op: String, parameters: [String: JSONValue]) {
        self.id = id
        self.op = op
        self.parameters = parameters
    }

    // MARK: - Typed parameters (each failure names the parameter and what it should be)

    public func string(_ name: String) throws(QueryFailure) -> String? {
        switch parameters[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw invalid(name, "should be a string, found \(other.typeName)")
        }
    }

    public func requiredString(_ name: String) throws(QueryFailure) -> String {
        guard let text = try string(name), !text.isEmpty else { throw invalid(name, "is required") }
        return text
    }

    public func int(
        _ name: String,
        default defaultValue: Int? = nil,
        range: ClosedRange<Int>
    ) throws(QueryFailure) -> Int? {
        switch parameters[name] {
        case nil, .null?: return defaultValue
        case .number(let literal)?:
            guard let number = Int(literal), range.contains(number) else {
                throw invalid(name, "should be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        case let other?: throw invalid(name, "should be an integer, found \(other.typeName)")
        }
    }

    public func bool(_ name: String) throws(QueryFailure) -> Bool {
        switch parameters[name] {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?: throw invalid(name, "should be true or false, found \(other.typeName)")
        }
    }

    /// A time bound: ISO 8601 (any form the lenient parser takes), normalized to the stored format.
    public func timestamp(_ name: String) throws(QueryFailure) -> String? {
        guard let text = try string(name) else { return nil }
        guard let normalized = Timestamp.normalize(text) else {
            throw invalid(name, "'\(text)' is not an ISO 8601 time; use e.g. 2026-03-01 or 2026-03-01T09:30:00Z")
        }
        return normalized
    }

    public func strings(_ name: String) throws(QueryFailure) -> [String] {
        switch parameters[name] {
        case nil, .null?: return []
        case .string(let text)?: return [text]
        case .array(let elements)?:
            var result: [String] = []
            for element in elements {
                guard let text = element.stringValue else { throw invalid(name, "should be an array of strings") }
                result.append(text)
            }
            return result
        case let other?: throw invalid(name, "should be a string or an array of strings, found \(other.typeName)")
        }
    }

    /// A chain head, SEQ:HASH as `status` and every report print it.
    public func chainHead(_ name: String) throws(QueryFailure) -> ChainVerification.Head? {
        guard let text = try string(name) else { return nil }
        guard let head = ChainVerification.Head(text: text) else {
            throw QueryFailure(
                id: id,
                code: .badRequest,
                message: "\(name) should be \(ChainVerification.Head.expectedForm)"
            )
        }
        return head
    }

    private func invalid(_ name: String, _ problem: String) -> QueryFailure {
        QueryFailure(id: id, code: .badRequest, message: "parameter \"\(name)\" of op \(op) \(problem)")
    }
}
