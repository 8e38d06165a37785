import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import MirrorSync
import Synchronization

/// `assistant-mirror daemon`: loads the configuration and the keys, migrates the database, listens on
/// the query socket, tells systemd it is ready, then crawls on schedule until SIGTERM or SIGINT.
///
/// The sd_notify(3) sequence: `READY=1` only once migrations ran and the socket listens; a one-line
/// `STATUS=` after each crawl; on SIGHUP `RELOADING=1` + `MONOTONIC_USEC=`, then `READY=1` whether the
/// new file was taken or refused; `STOPPING=1` first thing on a stop signal; `WATCHDOG=1` every half
/// `WATCHDOG_USEC` while the scheduler actor and the accept loop both answer.
public final class Daemon: Sendable {
    let configurationPath: String
    let environment: [String: String]
    let baseLogger: Logger
    let notifier: SystemdNotifier

    public init(
        configurationPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) {
        self.configurationPath = configurationPath
        self.environment = environment
        self.baseLogger = logger
        self.notifier = SystemdNotifier(environment: environment)
    }

    /// Runs until stopped; returns the exit status (0 after a clean stop).
    public func run() async -> Int32 {
        SignalWatcher.ignoreBrokenPipe()
        let signals = SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP])
        let services: Services
        do {
            services = try start()
        } catch {
            baseLogger.error("cannot start: \(error)")
            _ = notifier.notify([("STATUS", "failed to start: \(error)"), ("ERRNO", "1")])
            return 3
        }
        let logger = services.logger
        let schedulerTask = Task { await services.scheduler.run() }
        let watchdogTask = startWatchdog(services)
        let retentionTask = startRetention(services)
        _ = notifier.ready()
        _ = notifier.status("mirroring \(services.configuration.withLock { $0.accounts.count }) account(s)")
        logger.notice(
            "ready",
            ["socket": services.socketPath, "database": services.store.path, "version": MirrorVersion.current]
        )

        var stopping = false
        for await signal in signals.events {
            if signal == SIGHUP && !stopping {
                await reload(services)
                continue
            }
            if stopping {
                logger.warning("second stop signal: exiting at once")
                exit(1)
            }
            stopping = true
            _ = notifier.stopping()
            logger.notice("stopping: finishing or rolling back the page in flight")
            // Shutdown runs beside this loop so a second signal can still cut it short.
            Task {
                schedulerTask.cancel()
                await schedulerTask.value
                watchdogTask?.cancel()
                retentionTask.cancel()
                services.server.stop()
                logger.notice("stopped")
                signals.cancel()
            }
        }
        return 0
    }

    // MARK: - Start-up

    /// Everything the running daemon holds.
    final class Services: Sendable {
        let configuration: Mutex<MirrorConfiguration>
        let crawler: CurrentCrawler
        let store: MirrorStore
        let lock: DatabaseLock
        let scheduler: Scheduler
        let server: QueryServer
        let changes: ChangeNotifier
        let socketPath: String
        let logger: Logger
        let http: any HTTPFetching
        let fingerprintKey: FingerprintKey

        init(
            configuration: MirrorConfiguration,
            crawler: CurrentCrawler,
            store: MirrorStore,
            lock: DatabaseLock,
            scheduler: Scheduler,
            server: QueryServer,
            changes: ChangeNotifier,
            socketPath: String,
            logger: Logger,
            http: any HTTPFetching,
            fingerprintKey: FingerprintKey
        ) {
            self.configuration = Mutex(configuration)
            self.crawler = crawler
            self.store = store
            self.lock = lock
            self.scheduler = scheduler
            self.server = server
            self.changes = changes
            self.socketPath = socketPath
            self.logger = logger
            self.http = http
            self.fingerprintKey = fingerprintKey
        }
    }

    private func start() throws -> Services {
        let configuration = try ConfigurationLoader.load(path: configurationPath)
        var configuredLogger = baseLogger
        configuredLogger.level = configuration.logLevel
        let logger = configuredLogger
        let (secrets, errors) = AccountCrawler.loadSecrets(
            for: configuration,
            loader: SecretLoader(environment: environment)
        )
        if let first = errors.values.sorted().first {
            throw DaemonError.secretsUnavailable(first + (errors.count > 1 ? " (and \(errors.count - 1) more)" : ""))
        }
        let lock = try DatabaseLock(databasePath: configuration.database)
        try IntegrityCheck().requireIntact(databasePath: configuration.database)
        let store = try MirrorStore(path: configuration.database)
        let checkpoints = configuration.walCheckpoints
        if checkpoints == .litestream {
            try store.withWriterConnection { try $0.execute("PRAGMA wal_autocheckpoint = 0") }
        }
        let fingerprintKey = try FingerprintKey.loadOrCreate(path: configuration.effectiveFingerprintKeyFile)
        let listener: UnixListener
        if let inherited = try UnixListener.inherited(environment: environment) {
            listener = inherited
            logger.info("using the socket passed by systemd")
        } else {
            listener = try UnixListener.bind(path: configuration.socket)
        }
        // Children must not believe the descriptors are theirs (sd_listen_fds(3)).
        UnixListener.clearActivationEnvironment()
        let changes = ChangeNotifier()
        let http = HTTPClient(logger: logger)
        let crawler = makeCrawler(
            configuration,
            store: store,
            http: http,
            key: fingerprintKey,
            secrets: secrets,
            changes: changes,
            logger: logger
        )
        let notifier = self.notifier
        // The scheduler asks for the current crawler at each crawl, so a reload's new keys take effect.
        let current = CurrentCrawler(crawler)
        let scheduler = Scheduler(
            configuration: configuration,
            runCrawl: { account in await current.value.crawl(account) },
            onFinished: { outcome in
                Self.report(outcome, store: store, notifier: notifier, logger: logger, checkpoints: checkpoints)
            }
        )
        let server = QueryServer(
            listener: listener,
            databasePath: configuration.database,
            daemon: .init(
                scheduler: scheduler,
                startedAt: Timestamp.now(),
                syncPolicy: try SyncPermission(groupName: configuration.syncGroup)
            ),
            notifier: changes,
            logger: logger
        )
        server.start()
        return Services(
            configuration: configuration,
            crawler: current,
            store: store,
            lock: lock,
            scheduler: scheduler,
            server: server,
            changes: changes,
            socketPath: listener.path ?? configuration.socket,
            logger: logger,
            http: http,
            fingerprintKey: fingerprintKey
        )
    }

    private func makeCrawler(
        _ configuration: MirrorConfiguration,
        store: MirrorStore,
        http: any HTTPFetching,
        key: FingerprintKey,
        secrets: [String: Secret],
        changes: ChangeNotifier,
        logger: Logger
    ) -> AccountCrawler {
        var settings = AccountCrawler.Settings(maxDeleteShare: configuration.maxDeleteShare)
        settings.didCommitChanges = { changes.notify() }
        return AccountCrawler(
            store: store,
            http: http,
            fingerprintKey: key,
            secrets: secrets,
            settings: settings,
            logger: logger
        )
    }

    /// After each crawl: one STATUS line, and the chain head in the journal so it is anchored outside
    /// the database (reliability.md §5).
    static func report(
        _ outcome: CrawlOutcome,
        store: MirrorStore,
        notifier: SystemdNotifier,
        logger: Logger,
        checkpoints: WALCheckpointOwner
    ) {
        let head = try? store.openReader().chainHead()
        let headText = head.map { "\($0.seq):\($0.hash)" } ?? "none"
        logger.notice(
            "crawl finished",
            [
                "account": outcome.account, "status": outcome.status.rawValue, "pages": String(outcome.progress.pages),
                "changes": String(outcome.changed), "chain_head": headText,
            ]
        )
        let walWarning =
            limitWAL(store: store, logger: logger, checkpoints: checkpoints).map {
                "; WAL \($0 >> 20) MiB, held open by a reader"
            } ?? ""
        _ = notifier.status(
            "last crawl: \(outcome.account) \(outcome.status.rawValue), \(outcome.changed) change(s); chain head \(head.map { "\($0.seq):\($0.hash.prefix(12))" } ?? "none")\(walWarning)"
        )
    }

    /// The WAL size above which the daemon forces a checkpoint and warns.
    static let walLimit = 64 << 20

    /// A reader that keeps a snapshot open (a forgotten `sqlite3` shell inside BEGIN) stops checkpoints
    /// from resetting the WAL, which then grows without bound (https://www.sqlite.org/wal.html, "Avoiding
    /// Excessively Large WAL Files"). Past the limit, try a TRUNCATE checkpoint; returns the size when
    /// the WAL stays too large. While Litestream owns the checkpoints the daemon only warns.
    static func limitWAL(
        store: MirrorStore,
        logger: Logger,
        limit: Int = walLimit,
        checkpoints: WALCheckpointOwner = .daemon
    ) -> Int? {
        func walSize() -> Int {
            (try? FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int) ?? 0
        }
        guard walSize() > limit else { return nil }
        if checkpoints == .daemon { _ = try? store.withWriterConnection { try $0.checkpointTruncate() } }
        let size = walSize()
        guard size > limit else { return nil }
        logger.warning(
            checkpoints == .daemon
                ? "the WAL is \(size >> 20) MiB and cannot be checkpointed: a reader holds an old snapshot open; end long sqlite3 sessions"
                : "the WAL is \(size >> 20) MiB and Litestream checkpoints it (wal-checkpoints = litestream): is Litestream running?"
        )
        return size
    }

    // MARK: - Reload and watchdog

    /// SIGHUP: validate the new file and its keys, then swap; on any error keep the old configuration,
    /// log one error, and carry on.
    private func reload(_ services: Services) async {
        _ = notifier.reloading()
        let logger = services.logger
        defer { _ = notifier.ready() }
        do {
            let candidate = try ConfigurationLoader.load(path: configurationPath)
            let current = services.configuration.withLock { $0 }
            guard candidate.database == current.database, candidate.socket == current.socket else {
                throw DaemonError.needsRestart("database and socket paths change only with a restart")
            }
            let (secrets, errors) = AccountCrawler.loadSecrets(
                for: candidate,
                loader: SecretLoader(environment: environment)
            )
            if let first = errors.values.sorted().first { throw DaemonError.secretsUnavailable(first) }
            let crawler = makeCrawler(
                candidate,
                store: services.store,
                http: services.http,
                key: services.fingerprintKey,
                secrets: secrets,
                changes: services.changes,
                logger: logger
            )
            services.crawler.value = crawler
            services.configuration.withLock { $0 = candidate }
            await services.scheduler.reload(candidate)
            logger.notice("configuration reloaded", ["accounts": String(candidate.accounts.count)])
            _ = notifier.status("reloaded: mirroring \(candidate.accounts.count) account(s)")
        } catch {
            logger.error("reload refused, keeping the running configuration: \(error)")
            _ = notifier.status("reload refused: \(error)")
        }
    }

    /// With `retention` set, prunes what retention may drop at start-up and then once a day.
    private func startRetention(_ services: Services) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                if let retention = services.configuration.withLock({ $0.retention }) {
                    let now = Date()
                    let cutoff = Timestamp.format(now.addingTimeInterval(-retention.seconds))
                    do {
                        if let result = try services.store.write({
                            try $0.prune(before: cutoff, now: Timestamp.format(now))
                        }) {
                            services.logger.notice(
                                "retention pruned history",
                                ["removed": String(result.removed), "before": cutoff, "prune_seq": String(result.seq)]
                            )
                        }
                    } catch {
                        services.logger.error("retention prune failed: \(error)")
                    }
                }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
    }

    /// Pings only while the scheduler actor answers within the interval and the accept loop turns: a
    /// bare timer would keep a deadlocked daemon alive (reliability.md §1.2).
    private func startWatchdog(_ services: Services) -> Task<Void, Never>? {
        guard let settings = WatchdogSettings.from(environment: environment) else { return nil }
        let notifier = self.notifier
        return Task {
            while !Task.isCancelled {
                let schedulerAnswered = await Self.answers(within: settings.pingInterval) {
                    _ = await services.scheduler.ping()
                }
                if schedulerAnswered && services.server.isAlive {
                    _ = notifier.watchdog()
                } else {
                    services.logger.error(
                        "watchdog: \(schedulerAnswered ? "the socket accept loop" : "the scheduler") is not answering; not pinging"
                    )
                }
                try? await Task.sleep(for: settings.pingInterval)
            }
        }
    }

    /// Whether `probe` finishes within `limit`. The probe runs in a task of its own that nobody waits
    /// for: a deadlocked actor would otherwise hang the watchdog with it.
    static func answers(within limit: Duration, _ probe: @escaping @Sendable () async -> Void) async -> Bool {
        let answered = AnsweredFlag()
        Task {
            await probe()
            answered.set()
        }
        let deadline = ContinuousClock.now + limit
        while !answered.isSet, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return answered.isSet
    }
}

/// The crawler in effect; replaced whole on reload.
final class CurrentCrawler: Sendable {
    private let crawler: Mutex<AccountCrawler>

    init(_ crawler: AccountCrawler) { self.crawler = Mutex(crawler) }

    var value: AccountCrawler {
        get { crawler.withLock { $0 } }
        set { crawler.withLock { $0 = newValue } }
    }
}

private final class AnsweredFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

public enum DaemonError: Error, CustomStringConvertible {
    case secretsUnavailable(String)
    case needsRestart(String)

    public var description: String {
        switch self {
        case .secretsUnavailable(let detail): "an API key cannot be read: \(detail)"
        case .needsRestart(let detail): detail
        }
    }
}
