import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import MirrorSync

/// The one place where the mirror's parts are put together from a configuration: the store, the
/// fingerprint key, the HTTP client and the crawler. The daemon, `sync`, `demo` and the benchmarks all
/// start here, so they run the same assembly.
public struct MirrorAssembly: Sendable {
    public let configuration: MirrorConfiguration
    public let store: MirrorStore
    public let fingerprintKey: FingerprintKey
    public let http: any HTTPFetching
    /// What the HTTP client counts, for the metrics; stays at zero when `http` was passed in.
    public let traffic: HTTPTraffic
    public let logger: Logger

    /// Opens the database (migrating it) and loads or creates the fingerprint key.
    public static func open(
        _ configuration: MirrorConfiguration,
        logger: Logger,
        http: (any HTTPFetching)? = nil
    ) throws(AssemblyError) -> MirrorAssembly {
        try requireDatabaseDirectory(configuration)
        let store: MirrorStore
        do {
            // A corrupt file is refused before anything writes to it (quick_check, bounded).
            try IntegrityCheck().requireIntact(databasePath: configuration.database)
            store = try MirrorStore(path: configuration.database)
        } catch let error as DatabaseCorruption {
            throw .databaseCorrupt("\(error)")
        } catch {
            throw .databaseUnusable(path: configuration.database, reason: "\(error)")
        }
        let key: FingerprintKey
        do {
            key = try FingerprintKey.loadOrCreate(path: configuration.effectiveFingerprintKeyFile)
        } catch {
            throw .fingerprintKeyUnusable("\(error)")
        }
        let traffic = HTTPTraffic()
        return MirrorAssembly(
            configuration: configuration,
            store: store,
            fingerprintKey: key,
            http: http ?? HTTPClient(configuration: .init(mirror: configuration), logger: logger, traffic: traffic),
            traffic: traffic,
            logger: logger
        )
    }

    /// The database's directory must exist: a missing one is a configuration mistake, not something to
    /// create.
    public static func requireDatabaseDirectory(_ configuration: MirrorConfiguration) throws(AssemblyError) {
        let directory = (configuration.database as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory) else {
            throw .databaseDirectoryMissing(directory)
        }
    }

    /// Every account's API key; the ones that cannot be read are reported by account, never by value.
    public static func loadSecrets(
        for configuration: MirrorConfiguration,
        environment: [String: String]
    ) -> (secrets: [String: Secret], errors: [String: String]) {
        AccountCrawler.loadSecrets(for: configuration, loader: SecretLoader(environment: environment))
    }

    /// A crawler over this assembly's store, key and HTTP client.
    public func crawler(secrets: [String: Secret], settings: AccountCrawler.Settings) -> AccountCrawler {
        AccountCrawler(
            store: store,
            http: http,
            fingerprintKey: fingerprintKey,
            secrets: secrets,
            settings: settings,
            logger: logger
        )
    }

    /// The writer of `set-prompt` and `revert` over this assembly's store, key and HTTP client.
    public func promptWriter(
        secrets: [String: Secret],
        didCommitChanges: (@Sendable () -> Void)? = nil
    ) -> PromptWriter {
        PromptWriter(
            store: store,
            http: http,
            fingerprintKey: fingerprintKey,
            secrets: secrets,
            logger: logger,
            didCommitChanges: didCommitChanges
        )
    }

    /// The settings every crawler starts from: the configuration's deletion guard.
    public var defaultSettings: AccountCrawler.Settings {
        AccountCrawler.Settings(maxDeleteShare: configuration.maxDeleteShare)
    }
}
