import Foundation
import MirrorCore
import MirrorStore
import Synchronization

/// Keeps the daemon's view of its hash chain (`ChainHealth`) current, so an edited history shows in
/// `status` and in the journal during normal operation rather than only when someone runs `verify`.
///
/// Whole walks run at start-up and daily (`ChainMonitorService`) and whenever `verify` is asked of the
/// daemon without an anchor; after each crawl an incremental walk hashes only what was appended since
/// the last verified head. Walks run one at a time on a queue of their own, off Swift's cooperative
/// pool (a whole walk of a large history takes seconds). A break is logged at error priority once
/// per detection: when it is first found, or when a later walk finds a different one.
final class ChainMonitor: Sendable {
    private struct State {
        var health = ChainHealth()
        var wholeWalkRunning = false
    }

    private let store: MirrorStore
    private let logger: Logger
    private let queue = DispatchQueue(label: "assistant-mirror.chain-verification")
    private let state = Mutex(State())

    init(store: MirrorStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    var health: ChainHealth { state.withLock { $0.health } }

    /// Walks the whole chain; returns when done, or early (interrupting SQLite) when the task is cancelled.
    func verifyWhole() async {
        state.withLock { $0.wholeWalkRunning = true }
        await walk(whole: true)
    }

    /// Hashes what was appended since the last verified head. Skipped while the chain is broken or not
    /// yet verified, and while a whole walk runs: only a whole walk can clear a break, and the next
    /// incremental walk covers whatever a skipped one would have.
    func verifyAppended() async {
        guard state.withLock({ $0.health.state == .ok && !$0.wholeWalkRunning }) else { return }
        await walk(whole: false)
    }

    /// A whole walk made elsewhere in the daemon (the `verify` op without an anchor).
    func record(_ verification: ChainVerification) {
        apply(verification, whole: true)
    }

    private func walk(whole: Bool) async {
        let reader: MirrorReader
        do {
            reader = try store.openReader()
        } catch {
            logger.error("cannot open the database to verify the hash chain: \(error)")
            walkEnded(whole: whole)
            return
        }
        let start = whole ? nil : health.verifiedHead
        let interrupt = reader.interrupter
        nonisolated(unsafe) let unsharedReader = reader
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                queue.async {
                    defer { done.resume() }
                    let began = ContinuousClock.now
                    do {
                        let verification = try unsharedReader.verifyChain(after: start)
                        self.apply(verification, whole: whole, took: ContinuousClock.now - began)
                    } catch {
                        if !Task.isCancelled { self.logger.error("the hash chain could not be read: \(error)") }
                        self.walkEnded(whole: whole)
                    }
                }
            }
        } onCancel: {
            interrupt()
        }
    }

    /// A walk that found nothing (it could not read): incremental walks may run again.
    private func walkEnded(whole: Bool) {
        if whole { state.withLock { $0.wholeWalkRunning = false } }
    }

    private func apply(_ verification: ChainVerification, whole: Bool, took: Duration? = nil) {
        let (before, after) = state.withLock { state in
            let before = state.health
            state.health = before.recording(verification, whole: whole, at: Timestamp.now())
            if whole { state.wholeWalkRunning = false }
            return (before, state.health)
        }
        if let problem = after.problem, problem != before.problem {
            logger.error(
                "HASH CHAIN BROKEN at seq \(problem.seq): \(problem.reason). The history was changed outside the mirror; `assistant-mirror verify` shows the same, and `status` exits 1 until a whole walk finds the chain intact",
                ["seq": String(problem.seq)]
            )
        } else if before.state == .broken, after.state == .ok {
            logger.notice("the hash chain is intact again", ["chain_head": after.verifiedHead?.text ?? "none"])
        } else if whole, after.state == .ok {
            var fields = ["checked": String(verification.checked), "chain_head": after.verifiedHead?.text ?? "none"]
            if let took { fields["took"] = took.readable }
            logger.notice("hash chain verified", fields)
        }
    }
}
