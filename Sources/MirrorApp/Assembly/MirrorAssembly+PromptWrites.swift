import Foundation
import MirrorCore
import MirrorServer
import MirrorSync

extension MirrorAssembly {
    /// The daemon's face for an in-process query handler (the demo): `set-prompt` and `revert` reach this
    /// assembly's writer with the daemon's guards; `sync` triggers crawls by the same crawler.
    public func inProcessDaemon(secrets: [String: Secret]) throws -> any DaemonControl {
        let crawler = crawler(secrets: secrets, settings: defaultSettings)
        let scheduler = Scheduler(configuration: configuration, runCrawl: { await crawler.crawl($0) })
        let chain = ChainMonitor(store: store, logger: logger)
        return SchedulerControl(
            scheduler: scheduler,
            startedAt: Timestamp.now(),
            syncPermission: try SyncPermission(groupName: configuration.syncGroup),
            promptWrites: PromptWrites(configuration: configuration, writer: promptWriter(secrets: secrets)),
            live: LiveMetrics(
                scheduler: scheduler,
                traffic: traffic,
                notifications: NotificationCounts(),
                startedAt: Date(),
                chainHealth: { chain.health }
            ),
            chain: chain
        )
    }
}
