/// The `[mirror]` section: daemon-wide settings, each with a default so the section may be absent.
struct MirrorSection {
    /// The keys in the order messages and `renderEffective` list them.
    enum Key: String, CaseIterable {
        case database, socket, interval, jitter
        case maxConcurrentCrawls = "max-concurrent-crawls"
        case logLevel = "log-level"
        case syncGroup = "sync-group"
        case writeGroup = "write-group"
        case fingerprintKeyFile = "fingerprint-key-file"
        case retention
        case maxDeleteShare = "max-delete-share"
        case requestTimeout = "request-timeout"
        case maxResponseSize = "max-response-size"
        case walCheckpoints = "wal-checkpoints"
        case metricsFile = "metrics-file"
        case notifyExec = "notify-exec"
        case notifyTimeout = "notify-timeout"
    }

    static let defaultDatabase = "/var/lib/assistant-mirror/mirror.db"
    static let defaultSocket = "/run/assistant-mirror.sock"

    /// The settings read so far, defaults for the rest; `accounts` stays empty here.
    private(set) var settings: MirrorConfiguration
    private var tracker = SectionKeyTracker<Key>(sectionLabel: "[mirror]")
    private let baseDirectory: String

    init(sourcePath: String, baseDirectory: String) {
        self.settings = MirrorConfiguration(
            sourcePath: sourcePath,
            database: Self.defaultDatabase,
            socket: Self.defaultSocket
        )
        self.baseDirectory = baseDirectory
    }

    mutating func apply(_ entry: ConfigEntry) throws(ConfigError) {
        switch try tracker.admit(entry) {
        case .database: settings.database = try entry.path(relativeTo: baseDirectory)
        case .socket: settings.socket = try entry.path(relativeTo: baseDirectory)
        case .interval: settings.interval = try entry.duration()
        case .jitter: settings.jitter = try entry.share(in: 0...0.5)
        case .maxConcurrentCrawls: settings.maxConcurrentCrawls = try entry.integer(in: 1...16)
        case .logLevel: settings.logLevel = try entry.choice(Logger.Level.self)
        case .syncGroup:
            settings.syncGroup = try entry.groupName()
        case .writeGroup: settings.writeGroup = try entry.groupName()
        case .fingerprintKeyFile: settings.fingerprintKeyFile = try entry.path(relativeTo: baseDirectory)
        case .retention: settings.retention = try entry.duration()
        case .maxDeleteShare: settings.maxDeleteShare = try entry.share(in: 0...1, excludingZero: true)
        case .requestTimeout: settings.requestTimeout = try entry.duration()
        case .maxResponseSize: settings.maxResponseSize = try entry.byteSize(atLeast: 1 << 10)
        case .walCheckpoints: settings.walCheckpoints = try entry.choice(WALCheckpointOwner.self)
        case .metricsFile: settings.metricsFile = try entry.path(relativeTo: baseDirectory)
        case .notifyExec: settings.notifyExec = try entry.path(relativeTo: baseDirectory)
        case .notifyTimeout: settings.notifyTimeout = try entry.duration()
        }
    }
}
