import MirrorCore

/// `history`'s parameters: the assistant and, optionally, a page of it.
///
/// Without `limit` and `before`, a summary: the counts, the oldest and newest observation, the newest
/// `defaultPage` revisions and `next_before` to continue. With either, one page: the newest `limit`
/// revisions (default `defaultPage`) numbered below `before`, so a long history never travels whole.
public struct HistoryRequest: Sendable, Equatable {
    public static let maxPage = 1000
    /// The revisions a summary carries, and a page's size when only `before` is given: what the CLI
    /// prints by default, the newest changes beside the summary's lines on one 24-line terminal screen.
    public static let defaultPage = 20

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

    /// True when neither paging parameter was given: the reply is the summary.
    public var wantsSummary: Bool { limit == nil && before == nil }

    /// How many revisions the reply carries at most.
    public var pageSize: Int { limit ?? Self.defaultPage }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["assistant": .string(assistant)]
        parameters["limit"] = limit.map { JSONValue($0) }
        parameters["before"] = before.map { JSONValue($0) }
        return parameters
    }
}
