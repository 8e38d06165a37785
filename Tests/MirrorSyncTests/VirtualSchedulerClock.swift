import Foundation
import MirrorSync
import Synchronization

/// Virtual time for the scheduler: `now()` moves only when a test calls `advanceToNextDeadline()`, and a
/// `sleep` ends only then (or when its task is cancelled), so hours of backoff run in milliseconds and every
/// recorded time is exact.
final class VirtualSchedulerClock: SchedulerClock {
    private struct Sleeper {
        let deadline: Date
        var continuation: CheckedContinuation<Void, any Error>?
    }

    private struct State {
        var now: Date
        var sleepers: [Int: Sleeper] = [:]
        var cancelledBeforeRegistering: Set<Int> = []
        var nextID = 0
    }

    private let state: Mutex<State>
    let start: Date

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.start = start
        state = Mutex(State(now: start))
    }

    func now() -> Date { state.withLock { $0.now } }

    /// Seconds since `start`: the scale the tests' expectations are written in.
    var elapsed: TimeInterval { now().timeIntervalSince(start) }

    /// Deadlines of the sleeps in progress, earliest first.
    var pendingDeadlines: [Date] { state.withLock { $0.sleepers.values.map(\.deadline).sorted() } }

    func sleep(for duration: TimeInterval) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeAtOnce = state.withLock { state -> Bool in
                    if state.cancelledBeforeRegistering.remove(id) != nil { return true }
                    state.sleepers[id] = Sleeper(deadline: state.now + duration, continuation: continuation)
                    return false
                }
                if resumeAtOnce { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let sleeper = state.sleepers.removeValue(forKey: id) else {
                    state.cancelledBeforeRegistering.insert(id)
                    return nil
                }
                return sleeper.continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Jumps to the earliest pending deadline and ends every sleep due by then; returns the new time, or nil
    /// when nobody sleeps.
    @discardableResult
    func advanceToNextDeadline() -> Date? {
        let (now, due) = state.withLock { state -> (Date?, [CheckedContinuation<Void, any Error>]) in
            guard let earliest = state.sleepers.values.map(\.deadline).min() else { return (nil, []) }
            state.now = max(state.now, earliest)
            let dueIDs = state.sleepers.filter { $0.value.deadline <= earliest }.map(\.key)
            let due = dueIDs.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
            return (state.now, due)
        }
        for continuation in due { continuation.resume() }
        return now
    }
}
