import MirrorCore

/// `changes`'s parameters: where the page starts, filters, and whether to keep streaming.
public struct ChangesRequest: Sendable, Equatable {
    /// The cursor: changes after this seq.
    public let after: Int?
    /// Changes observed at or after this time (normalized ISO 8601).
    public let since: String?
    public let account: String?
    public let limit: Int
    /// Keep the connection open and send each new change as an event.
    public let follow: Bool
    /// A stream asked with neither `since` nor `after` starts at the chain head: only new changes.
    public let startsAtHead: Bool

    public init(
        after: Int? = nil,
        since: String? = nil,
        account: String? = nil,
        limit: Int = ListRequest.defaultLimit,
        follow: Bool = false
    ) {
        self.after = after
        self.since = since
        self.account = account
        self.limit = limit
        self.follow = follow
        startsAtHead = after == nil && since == nil
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        after = try request.int("after", range: 0...Int.max)
        since = try request.timestamp("since")
        account = try request.string("account")
        limit = try request.int("limit", default: ListRequest.defaultLimit, range: 1...QueryRequest.maxPage)!
        // Only a literal true streams (any other value asks for one page).
        follow = request.parameters["follow"] == .bool(true)
        // A key sent as null still counts as given.
        startsAtHead = request.parameters["since"] == nil && request.parameters["after"] == nil
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = ["limit": JSONValue(limit)]
        parameters["after"] = after.map { JSONValue($0) }
        parameters["since"] = since.map(JSONValue.string)
        parameters["account"] = account.map(JSONValue.string)
        if follow { parameters["follow"] = true }
        return parameters
    }
}
