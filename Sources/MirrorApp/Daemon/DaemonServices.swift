import Foundation
import MirrorCore
import MirrorServer
import MirrorStore
import MirrorSync

/// The socket, served until the group stops it; it stops last, so clients get answers to the end.
struct QueryServerService: Service {
    let name = "query server"
    let server: QueryServer

    func run() async {
        server.start()
        await Cancellation.wait()
        server.stop()
    }
}

/// Whole walks of the hash chain: at start-up, beside the socket rather than before it (a large history
/// takes seconds to hash, and systemd's start timeout and the first clients should not wait on it;
/// `status` says "not yet verified" meanwhile), then once a day.
struct ChainMonitorService: Service {
    let name = "chain verification"
    let monitor: ChainMonitor
    var interval: Duration = .seconds(86_400)

    func run() async {
        while !Task.isCancelled {
            await monitor.verifyWhole()
            try? await Task.sleep(for: interval)
        }
    }
}

/// The crawl schedule; on stop it finishes or rolls back the page in flight.
struct SchedulerService: Service {
    let name = "scheduler"
    let scheduler: Scheduler

    func run() async {
        await scheduler.run()
    }
}

/// With `retention` set, prunes what retention may drop at start-up and then once a day.
struct RetentionService: Service {
    let name = "retention"
    let store: MirrorStore
    let retention: @Sendable () -> Duration?
    let logger: Logger

    func run() async {
        while !Task.isCancelled {
            if let retention = retention() {
                let now = Date()
                let cutoff = Timestamp.format(now.addingTimeInterval(-retention.seconds))
                do {
                    if let result = try await store.write({ try $0.prune(before: cutoff, now: Timestamp.format(now)) })
                    {
                        logger.notice(
                            "retention pruned history",
                            ["removed": String(result.removed), "before": cutoff, "prune_seq": String(result.seq)]
                        )
                    }
                } catch {
                    logger.error("retention prune failed: \(error)")
                }
            }
            try? await Task.sleep(for: .seconds(86_400))
        }
    }
}

/// Waiting for nothing but the end.
enum Cancellation {
    /// Returns when the current task is cancelled (`Task.sleep` throws at once then).
    static func wait() async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }
}
