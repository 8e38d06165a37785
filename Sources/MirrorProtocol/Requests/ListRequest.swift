import MirrorCore

/// `list`'s parameters: filters and a page.
public struct ListRequest: Sendable, Equatable {
    public static let defaultLimit = 100

    public var provider: String?
    public var account: String?
    /// Case-insensitive text to find in the name or the prompt.
    public var text: String?
    public var includeDeleted: Bool
    public var limit: Int
    public var offset: Int

    public init(
        provider: String? = nil,
        account: String? = nil,
        text: String? = nil,
        includeDeleted: Bool = false,
        limit: Int = ListRequest.defaultLimit,
        offset: Int = 0
    ) {
        self.provider = provider
        self.account = account
        self.text = text
        self.includeDeleted = includeDeleted
        self.limit = limit
        self.offset = offset
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        self.init(
            provider: try request.string("provider"),
            account: try request.string("account"),
            text: try request.string("text"),
            includeDeleted: try request.bool("include_deleted"),
            limit: try request.int("limit", default: Self.defaultLimit, range: 1...QueryRequest.maxPage)!,
            offset: try request.int("offset", default: 0, range: 0...Int(Int32.max))!
        )
    }

    var parameters: [String: JSONValue] {
        var parameters: [String: JSONValue] = [
            "include_deleted": .bool(includeDeleted), "limit": JSONValue(limit), "offset": JSONValue(offset),
        ]
        parameters["provider"] = provider.map(JSONValue.string)
        parameters["account"] = account.map(JSONValue.string)
        parameters["text"] = text.map(JSONValue.string)
        return parameters
    }
}
