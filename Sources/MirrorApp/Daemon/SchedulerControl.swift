import Foundation
import MirrorCore
import MirrorServer
import MirrorSync
import Synchronization

/// The query server's view of the running daemon (`DaemonControl`), answered by the scheduler's
/// synchronous face: a published snapshot and an inbox, never a wait on the scheduler actor.
struct SchedulerControl: DaemonControl {
    let scheduler: Scheduler
    let startedAt: String
    let syncPermission: SyncPermission
    /// Nil where the daemon was built without keys to write with: every write then fails, recorded.
    var promptWrites: PromptWrites?
    let live: LiveMetrics
    let chain: ChainMonitor

    func accountSchedules() -> [AccountSchedule] {
        scheduler.states()
    }

    func liveMetrics() -> [MetricFamily] {
        live.families()
    }

    func trigger(_ accounts: [String]) throws(QueryError) -> [String] {
        try scheduler.trigger(accounts)
    }

    /// Blocks the calling connection thread (the socket's own, never the cooperative pool's) until
    /// every triggered crawl has reported its outcome.
    func triggerAndWait(_ accounts: [String]) throws(QueryError) -> [CrawlOutcome] {
        let outcomes = Outcomes()
        let selected = try scheduler.trigger(accounts) { outcomes.add($0) }
        return outcomes.wait(for: selected)
    }

    func writePrompt(_ order: PromptWriteOrder, peer: PeerCredentials?) -> PromptWriteOutcome {
        guard let promptWrites else {
            return PromptWriteOutcome(kind: .failed, message: "this daemon was started without prompt writes")
        }
        return promptWrites.write(order, peer: peer)
    }

    func chainHealth() -> ChainHealth {
        chain.health
    }

    func chainVerified(_ verification: ChainVerification) {
        chain.record(verification)
    }
}

/// Outcomes arriving from the scheduler's loop, collected for a waiting thread.
private final class Outcomes: Sendable {
    private let arrived = NSCondition()
    private let byAccount = Mutex<[String: CrawlOutcome]>([:])

    func add(_ outcome: CrawlOutcome) {
        arrived.lock()
        byAccount.withLock { $0[outcome.account] = outcome }
        arrived.broadcast()
        arrived.unlock()
    }

    func wait(for accounts: [String]) -> [CrawlOutcome] {
        arrived.lock()
        defer { arrived.unlock() }
        while true {
            let done = byAccount.withLock { done in accounts.compactMap { done[$0] } }
            if done.count == accounts.count { return done }
            arrived.wait()
        }
    }
}
