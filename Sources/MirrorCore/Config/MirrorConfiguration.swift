import Foundation

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
    /// Unix group whose members may write prompts through the mirror (`set-prompt`, `revert`) on
    /// accounts that say `write = on`; root and the daemon's own user always may. An account's own
    /// `write-group` replaces it.
    public var writeGroup: String?
    /// Key for the fingerprints that replace secret values; nil means `<database>.key`, created 0600.
    public var fingerprintKeyFile: String?
    /// History older than this may be pruned (never current state nor a prompt-bearing revision).
    public var retention: Duration?
    /// A crawl that would tombstone more than this share of an account's live assistants refuses.
    public var maxDeleteShare: Double
    /// The longest one HTTP request may take, first byte to last (`request-timeout`).
    public var requestTimeout: Duration
    /// The largest response body accepted (`max-response-size`).
    public var maxResponseSize: Int
    /// Who checkpoints the WAL: the daemon, or Litestream while it replicates the database.
    public var walCheckpoints = WALCheckpointOwner.daemon
    /// Rewritten after each crawl with the metrics, for node_exporter's textfile collector.
    public var metricsFile: String?
    /// The program run once per prompt change (its JSON on standard input), unless an account names its own.
    public var notifyExec: String?
    /// How long one run of the notify program may take before its process group is killed.
    public var notifyTimeout: Duration = .seconds(30)
    public var accounts: [AccountConfiguration]
    /// The `[provider "NAME"]` sections, in file order, each already merged over the built-in of the
    /// same name (if any): what the accounts' descriptions were made from.
    public var providers: [ProviderDescription]

    /// Two minutes: far above a healthy provider page (well under a second), short enough that a server
    /// trickling bytes cannot stall a crawl for long.
    public static let defaultRequestTimeout: Duration = .seconds(120)
    /// 256 MiB: pages hold at most 100 assistants, so even megabyte prompts stay far below it.
    public static let defaultMaxResponseSize = 256 << 20

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
        requestTimeout: Duration = defaultRequestTimeout,
        maxResponseSize: Int = defaultMaxResponseSize,
        accounts: [AccountConfiguration] = [],
        providers: [ProviderDescription] = []
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
        self.requestTimeout = requestTimeout
        self.maxResponseSize = maxResponseSize
        self.accounts = accounts
        self.providers = providers
    }

    public func account(named name: String) -> AccountConfiguration? {
        accounts.first { $0.name == name }
    }

    /// The program to run for a prompt change of `account`: the account's own, else the mirror-wide one.
    public func notifyProgram(forAccount account: String) -> String? {
        self.account(named: account)?.notifyExec ?? notifyExec
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
    /// `write = on`: prompts may be written to the provider through the mirror. Off by default.
    public var write = false
    /// Replaces the mirror-wide `write-group` for this account.
    public var writeGroup: String?
    /// Overrides the mirror-wide `notify-exec` for this account's prompt changes.
    public var notifyExec: String?
    /// The provider's description: the built-in, or a `[provider "NAME"]` section merged over it.
    public var providerDescription: ProviderDescription
    /// Whether to read the provider's audit log after each crawl (`audit-log`).
    public var auditLog: AuditLogSetting = .auto
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
        providerDescription: ProviderDescription? = nil,
        line: Int = 0
    ) {
        self.name = name
        self.provider = provider
        self.secret = secret
        self.baseURL = baseURL
        self.interval = interval
        self.pageSize = pageSize
        self.maxPages = maxPages
        // `c` is Invent's word for the organisation of the key itself.
        self.org = org ?? (provider == .invent ? "c" : nil)
        self.listPath = listPath
        self.pageParameter = pageParameter
        self.sizeParameter = sizeParameter
        self.itemsKey = itemsKey
        self.totalKey = totalKey
        self.maxDeleteShare = maxDeleteShare
        self.providerDescription =
            providerDescription ?? ProviderDescription.builtIn(provider)
            ?? ProviderDescription(name: provider, listPath: "/", getPath: "/{id}", promptPath: "prompt")
        self.line = line
    }

    /// The audit log path to read after each crawl: the description's, unless `audit-log = off`.
    public var auditLogPath: String? {
        auditLog == .off ? nil : providerDescription.auditLogPath
    }

    /// The API root: the account's `base-url`, else the description's. The loader refuses an account
    /// that has neither, so the last fallback (a URL no HTTP request can reach) is never met from a file.
    public var effectiveBaseURL: URL {
        baseURL ?? providerDescription.baseURL ?? URL(fileURLWithPath: "/")
    }

    /// The description with this account's own list overrides (`list-path`, `items-key`, …) applied; an
    /// overridden list path moves GET-one along with it (`list-path/{id}`).
    public var effectiveDescription: ProviderDescription {
        var description = providerDescription
        if let listPath {
            description.listPath = listPath
            description.getPath = listPath + "/{id}"
        }
        if let pageParameter { description.pageParameter = pageParameter }
        if let sizeParameter { description.sizeParameter = sizeParameter }
        if let itemsKey { description.items = itemsKey }
        if let totalKey { description.totalField = totalKey }
        return description
    }
}
