import MirrorCore
import MirrorServer
import MirrorSync

extension MirrorAssembly {
    /// The daemon's face for an in-process query handler (the demo): `set-prompt` and `revert` reach this
    /// assembly's writer with the daemon's guards; `sync` triggers crawls by the same crawler.
    public func inProcessDaemon(secrets: [String: Secret]) throws -> any DaemonControl {
        let crawler = crawler(secrets: secrets, settings: defaultSettings)
        let scheduler = Scheduler(configuration: configuration, runCrawl: { await crawler.crawl($0) })
        return try SchedulerControl.standalone(
            scheduler: scheduler,
            store: store,
            syncGroup: configuration.syncGroup,
            promptWrites: PromptWrites(configuration: configuration, writer: promptWriter(secrets: secrets)),
            traffic: traffic,
            logger: logger
        )
    }
}
