import MirrorCore

/// `status`: every account, the history's size and chain head, and the daemon when one answers.
public struct StatusResult: Sendable, Equatable, JSONObjectCodable {
    /// The process that answered, present only when a daemon (not a one-shot reader) answers.
    public struct Daemon: Sendable, Equatable, JSONObjectCodable {
        public let pid: Int
        public let startedAt: String

        public init(pid: Int, startedAt: String) {
            self.pid = pid
            self.startedAt = startedAt
        }

        public func encode(into object: inout JSONObject) {
            object["pid"] = JSONValue(pid)
            object["started_at"] = .string(startedAt)
        }

        public init(from object: JSONObject) throws(JSONShapeError) {
            self.init(pid: try object.int("pid"), startedAt: try object.string("started_at"))
        }
    }

    public let accounts: [AccountStatusEntry]
    public let revisions: Int
    public let chainHead: ChainVerification.Head?
    /// The database file's path.
    public let database: String
    public let version: String
    public let daemon: Daemon?
    /// The daemon's last verification of the chain; nil when no daemon answers.
    public let chain: ChainHealth?

    public init(
        accounts: [AccountStatusEntry],
        revisions: Int,
        chainHead: ChainVerification.Head?,
        database: String,
        version: String,
        daemon: Daemon?,
        chain: ChainHealth? = nil
    ) {
        self.accounts = accounts
        self.revisions = revisions
        self.chainHead = chainHead
        self.database = database
        self.version = version
        self.daemon = daemon
        self.chain = chain
    }

    public func encode(into object: inout JSONObject) {
        object["accounts"] = .array(accounts.map(\.json))
        object["revisions"] = JSONValue(revisions)
        object["chain_head"] = chainHead?.json ?? .null
        object["database"] = .string(database)
        object["version"] = .string(version)
        if let daemon { object["daemon"] = daemon.json }
        if let chain { object["chain"] = chain.json }
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            accounts: try object.array("accounts"),
            revisions: try object.int("revisions"),
            chainHead: try object.optional("chain_head"),
            database: try object.string("database"),
            version: try object.string("version"),
            daemon: try object.optional("daemon"),
            chain: try object.optional("chain")
        )
    }
}
