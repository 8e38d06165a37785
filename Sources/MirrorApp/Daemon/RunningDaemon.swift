import Foundation
import MirrorCore
import MirrorServer
import MirrorStore
import MirrorSync

/// Everything the running daemon holds, wired together once at start-up.
final class RunningDaemon: Sendable {
    let assembly: MirrorAssembly
    let configuration: Current<MirrorConfiguration>
    let scheduler: Scheduler
    let services: [any Service]
    let socketPath: String
    let logger: Logger
    private let crawler: Current<AccountCrawler>
    private let promptWrites: PromptWrites
    private let changes = ChangeNotifier()
    private let lock: DatabaseLock

    init(
        assembly: MirrorAssembly,
        lock: DatabaseLock,
        listener: UnixListener,
        secrets: [String: Secret],
        notifier: SystemdNotifier,
        watchdog watchdogSettings: WatchdogSettings?,
        environment: [String: String]
    ) throws {
        let configuration = assembly.configuration
        let logger = assembly.logger
        self.assembly = assembly
        self.lock = lock
        self.logger = logger
        self.configuration = Current(configuration)
        self.socketPath = listener.path ?? configuration.socket
        let changes = self.changes
        self.crawler = Current(Self.crawler(assembly, configuration: configuration, secrets: secrets, changes: changes))
        let watchdog = watchdogSettings.map {
            Watchdog(settings: $0, components: ["scheduler", "query server"], notifier: notifier, logger: logger)
        }
        let chain = ChainMonitor(store: assembly.store, logger: logger)
        let reporter = CrawlReporter(
            store: assembly.store,
            notifier: notifier,
            logger: logger,
            checkpoints: configuration.walCheckpoints,
            chain: { chain.health }
        )
        let current = self.crawler
        let metricsFileWakeup = Wakeup()
        let notificationWakeup = Wakeup()
        // A prompt written through the mirror is a change like a crawl's: followers and notify-exec hear of it.
        let promptWrites = PromptWrites(
            configuration: configuration,
            writer: assembly.promptWriter(secrets: secrets) {
                changes.notify()
                notificationWakeup.ring()
            }
        )
        self.promptWrites = promptWrites
        // The scheduler asks for the current crawler at each crawl, so a reload's new keys take effect.
        // The appended revisions are verified before the crawl counts as done, so a `sync` that returns
        // is followed by a `status` that knows of any break it appended onto.
        let scheduler = Scheduler(
            configuration: configuration,
            runCrawl: { account in
                let outcome = await current.value.crawl(account)
                await chain.verifyAppended()
                await reporter.report(outcome)
                metricsFileWakeup.ring()
                notificationWakeup.ring()
                return outcome
            },
            heartbeatInterval: watchdog?.beatInterval,
            heartbeat: { watchdog?.beat("scheduler") }
        )
        self.scheduler = scheduler
        let startedAt = Date()
        let notificationCounts = NotificationCounts()
        let live = LiveMetrics(
            scheduler: scheduler,
            traffic: assembly.traffic,
            notifications: notificationCounts,
            startedAt: startedAt,
            chainHealth: { chain.health }
        )
        let server = QueryServer(
            listener: listener,
            databasePath: configuration.database,
            daemon: SchedulerControl(
                scheduler: scheduler,
                startedAt: Timestamp.format(startedAt),
                syncPermission: try SyncPermission(groupName: configuration.syncGroup),
                promptWrites: promptWrites,
                live: live,
                chain: chain
            ),
            notifier: changes,
            logger: logger,
            heartbeat: { watchdog?.beat("query server") }
        )
        let configurationBox = self.configuration
        self.services = [
            QueryServerService(server: server),
            ChainMonitorService(monitor: chain),
            SchedulerService(scheduler: scheduler),
            RetentionService(
                store: assembly.store,
                retention: { configurationBox.value.retention },
                logger: logger
            ),
            MetricsFileService(
                databasePath: configuration.database,
                path: { configurationBox.value.metricsFile },
                live: live,
                wakeup: metricsFileWakeup,
                logger: logger
            ),
            ChangeNotificationService(
                store: assembly.store,
                configuration: { configurationBox.value },
                wakeup: notificationWakeup,
                counts: notificationCounts,
                environment: environment,
                logger: logger
            ),
        ]
    }

    /// After a reload: new keys and settings for the crawls that start from now on.
    func replaceCrawler(configuration: MirrorConfiguration, secrets: [String: Secret]) {
        let crawler = Self.crawler(assembly, configuration: configuration, secrets: secrets, changes: changes)
        self.crawler.value = crawler
        let changes = self.changes
        promptWrites.replace(
            configuration: configuration,
            writer: assembly.promptWriter(secrets: secrets) { changes.notify() }
        )
        self.configuration.value = configuration
    }

    private static func crawler(
        _ assembly: MirrorAssembly,
        configuration: MirrorConfiguration,
        secrets: [String: Secret],
        changes: ChangeNotifier
    ) -> AccountCrawler {
        var settings = AccountCrawler.Settings(maxDeleteShare: configuration.maxDeleteShare)
        settings.didCommitChanges = { changes.notify() }
        return assembly.crawler(secrets: secrets, settings: settings)
    }
}
