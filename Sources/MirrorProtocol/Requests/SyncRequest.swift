import MirrorCore

/// `sync`'s parameters: which accounts (all when empty) and whether to wait for the outcomes.
public struct SyncRequest: Sendable, Equatable {
    public let accounts: [String]
    public let wait: Bool

    public init(accounts: [String] = [], wait: Bool = false) {
        self.accounts = accounts
        self.wait = wait
    }

    init(_ request: QueryRequest) throws(QueryFailure) {
        accounts = try request.strings("accounts")
        wait = try request.bool("wait")
    }

    var parameters: [String: JSONValue] {
        ["accounts": .array(accounts.map(JSONValue.string)), "wait": .bool(wait)]
    }
}
