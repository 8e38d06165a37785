import Foundation
import MirrorCore
import MirrorProviders
import MirrorServer
import MirrorStore
import MirrorSync

extension SchedulerControl {
    /// A daemon face for a query handler that runs without the daemon's services (the demo): its own
    /// chain monitor and live metrics around `scheduler`, and nothing started in the background.
    static func standalone(
        scheduler: Scheduler,
        store: MirrorStore,
        syncGroup: String?,
        promptWrites: PromptWrites?,
        traffic: HTTPTraffic,
        logger: Logger
    ) throws -> SchedulerControl {
        let chain = ChainMonitor(store: store, logger: logger)
        return SchedulerControl(
            scheduler: scheduler,
            startedAt: Timestamp.now(),
            syncPermission: try SyncPermission(groupName: syncGroup),
            promptWrites: promptWrites,
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
