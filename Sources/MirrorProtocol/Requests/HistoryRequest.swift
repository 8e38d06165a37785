import MirrorCore

/// `history`'s parameters: the assistant and, optionally, a page of it. Without `limit`, every
/// revision; with it, the newest `limit` revisions numbered below `before` (the reply's `next_before`
/// continues), so a long history need not travel whole.
public struct HistoryRequest: Sendable, Equatable {
    public static let maxPage = 1000

    public let assistant: String
    public let limit: Int?
    public let before: Int?

    public init(assistant: String, limit: Int? = nil, before: Int? = nil) {
        self.assistant = assistant
        self.limit = limit
        self.before = before
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        assistant = try request.requiredString("assistant")
        limit = try request.int("limit", range: 1...Self.maxPage)
        before = try request.int("before", range: 1...Int(Int32.max))
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["assistant": .string(assistant)]
        parameters["limit"] = limit.map { JSONValue($0) }
        parameters["before"] = before.map { JSONValue($0) }
        return parameters
    }
}
