import Foundation

/// The providers the mirror knows. The raw value is the `provider =` word in the configuration.
public enum ProviderKind: String, Sendable, CaseIterable, Codable {
    case puretalk, invent, telnyx, interactly

    /// The documented API root to which each provider's list path is appended (design.md).
    public var defaultBaseURL: URL {
        switch self {
        case .puretalk: URL(string: "https://api.puretalk.ai/api")!
        case .invent: URL(string: "https://api.useinvent.com")!
        case .telnyx: URL(string: "https://api.telnyx.com/v2")!
        case .interactly: URL(string: "https://api-prod.interactly.ai")!
        }
    }
}

/// The whole effective configuration: the `[mirror]` section and one entry per `[account "name"]`.
/// Paths are absolute (relative ones were resolved against the config file's directory).
public struct MirrorConfiguration: Sendable, Equatable {
    public var sourcePath: String?
    public var database: String
    public var socket: String
    public var interval: Duration
    /// Each wait is stretched or shrunk by up to this share, so accounts drift apart (0.1 = ±10 %).
    public var jitter: Double
    public var maxConcurrentCrawls: Int
    public var logLevel: Logger.Level
    /// Unix group whose members may use the socket's `sync` op; nil lets every peer that can connect.
    public var syncGroup: String?
    /// Key for the fingerprints that replace secret values; nil means `<database>.key`, created 0600.
    public var fingerprintKeyFile: String?
    /// History older than this may be pruned (never current state nor a prompt-bearing revision).
    public var retention: Duration?
    /// A crawl that would tombstone more than this share of an account's live assistants refuses.
    public var maxDeleteShare: Double
    /// Who checkpoints the WAL: the daemon, or Litestream while it replicates the database.
    public var walCheckpoints = WALCheckpointOwner.daemon
    public var accounts: [AccountConfiguration]

    public init(
        sourcePath: String? = nil,
        database: String,
        socket: String,
        interval: Duration = .seconds(300),
        jitter: Double = 0.1,
        maxConcurrentCrawls: Int = 2,
        logLevel: Logger.Level = .info,
        syncGroup: String? = nil,
        fingerprintKeyFile: String? = nil,
        retention: Duration? = nil,
        maxDeleteShare: Double = 0.5,
        accounts: [AccountConfiguration] = []
    ) {
        self.sourcePath = sourcePath
        self.database = database
        self.socket = socket
        self.interval = interval
        self.jitter = jitter
        self.maxConcurrentCrawls = maxConcurrentCrawls
        self.logLevel = logLevel
        self.syncGroup = syncGroup
        self.fingerprintKeyFile = fingerprintKeyFile
        self.retention = retention
        self.maxDeleteShare = maxDeleteShare
        self.accounts = accounts
    }

    public func account(named name: String) -> AccountConfiguration? {
        accounts.first { $0.name == name }
    }

    /// The fingerprint key's path: `fingerprint-key-file`, or `<database>.key` beside the database.
    public var effectiveFingerprintKeyFile: String {
        fingerprintKeyFile ?? database + ".key"
    }
}

/// One `[account "name"]` section.
public struct AccountConfiguration: Sendable, Equatable {
    public var name: String
    public var provider: ProviderKind
    public var secret: SecretSource
    /// The API root; nil means the provider's documented default.
    public var baseURL: URL?
    /// Overrides the mirror-wide interval.
    public var interval: Duration?
    /// The provider's own page-size parameter, clamped to what the provider allows.
    public var pageSize: Int?
    /// Hard cap on pages in one crawl, whatever the API says (a guard against paging loops).
    public var maxPages: Int
    /// Invent: the organisation id (`c` is the key's own organisation).
    public var org: String?
    /// Overrides for an API whose list endpoint is not documented (Interactly): the list path, the
    /// page and size parameter names, the envelope key holding the items and the one holding the total.
    public var listPath: String?
    public var pageParameter: String?
    public var sizeParameter: String?
    public var itemsKey: String?
    public var totalKey: String?
    /// Overrides the mirror-wide mass-deletion guard.
    public var maxDeleteShare: Double?
    /// The 1-based line of the section header, for messages about this account.
    public var line: Int

    public init(
        name: String,
        provider: ProviderKind,
        secret: SecretSource,
        baseURL: URL? = nil,
        interval: Duration? = nil,
        pageSize: Int? = nil,
        maxPages: Int = 1000,
        org: String? = nil,
        listPath: String? = nil,
        pageParameter: String? = nil,
        sizeParameter: String? = nil,
        itemsKey: String? = nil,
        totalKey: String? = nil,
        maxDeleteShare: Double? = nil,
        line: Int = 0
    ) {
        self.name = name
        self.provider = provider
        self.secret = secret
        self.baseURL = baseURL
        self.interval = interval
        self.pageSize = pageSize
        self.maxPages = maxPages
        self.org = org
        self.listPath = listPath
        self.pageParameter = pageParameter
        self.sizeParameter = sizeParameter
        self.itemsKey = itemsKey
        self.totalKey = totalKey
        self.maxDeleteShare = maxDeleteShare
        self.line = line
    }

    public var effectiveBaseURL: URL { baseURL ?? provider.defaultBaseURL }
}
