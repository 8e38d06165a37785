import MirrorCore

/// `diff`'s parameters: the assistant and, optionally, the two revisions to compare.
public struct DiffRequest: Sendable, Equatable {
    public let assistant: String
    /// The revision numbers as sent. Their valid range depends on how many revisions the assistant
    /// has, so they are checked by `revisions(latest:)` once the assistant is found.
    private let from: JSONValue?
    private let to: JSONValue?

    /// Without `to`, the latest revision; without `from`, the one before `to`.
    public init(assistant: String, from: Int? = nil, to: Int? = nil) {
        self.assistant = assistant
        self.from = from.map { JSONValue($0) }
        self.to = to.map { JSONValue($0) }
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        assistant = try request.requiredString("assistant")
        from = request.parameters["from"]
        to = request.parameters["to"]
    }

    /// The two revisions to compare, given the assistant's latest; `id` is the request's, for the
    /// failure.
    public func revisions(latest: Int, id: JSONValue) throws(QueryFailure) -> (from: Int, to: Int) {
        let request = QueryRequest(id: id, op: QueryOperation.diff.rawValue, parameters: parameters)
        let to = try request.int("to", default: latest, range: 1...max(latest, 1))!
        let from = try request.int("from", default: to - 1, range: 0...max(latest, 1))!
        guard from >= 1 else {
            throw QueryFailure(
                id: id,
                code: .badRequest,
                message: "the assistant has only one revision before \(to); nothing to compare"
            )
        }
        return (from, to)
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["assistant": .string(assistant)]
        parameters["from"] = from
        parameters["to"] = to
        return parameters
    }
}
