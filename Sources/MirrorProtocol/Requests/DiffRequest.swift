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
    /// failure. A number that is not an integer is a malformed request; a revision the assistant does not
    /// have is not found, said in the words of the question (not in the parameter's).
    public func revisions(latest: Int, id: JSONValue) throws(QueryFailure) -> (from: Int, to: Int) {
        let request = QueryRequest(id: id, op: QueryOperation.diff.rawValue, parameters: parameters)
        let unbounded = Int.min...Int.max
        let to = try request.int("to", default: latest, range: unbounded)!
        try requireRevision(to, latest: latest, id: id)
        guard let from = try request.int("from", range: unbounded) else {
            guard to > 1 else {
                throw QueryFailure(
                    id: id,
                    code: .notFound,
                    message: "nothing to compare: assistant \(assistant) has no revision before revision \(to)"
                )
            }
            return (to - 1, to)
        }
        try requireRevision(from, latest: latest, id: id)
        return (from, to)
    }

    private func requireRevision(_ number: Int, latest: Int, id: JSONValue) throws(QueryFailure) {
        if latest >= 1, (1...latest).contains(number) { return }
        let range = latest == 1 ? "it has revision 1 only" : "it has revisions 1–\(latest)"
        throw QueryFailure(
            id: id,
            code: .notFound,
            message: "no revision \(number) of assistant \(assistant) (\(latest == 0 ? "it has none" : range))"
        )
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["assistant": .string(assistant)]
        parameters["from"] = from
        parameters["to"] = to
        return parameters
    }
}
