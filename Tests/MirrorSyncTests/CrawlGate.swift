import Synchronization

/// Holds crawls until the test lets them go, one at a time in arrival order, and counts how many are held
/// at once: the witness for the scheduler's concurrency bound.
final class CrawlGate: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var inside = 0
        var mostInside = 0
    }

    private let state = Mutex(State())

    /// Crawls inside the gate now (waiting or released but not yet returned).
    var inside: Int { state.withLock { $0.inside } }
    var waiting: Int { state.withLock { $0.waiting.count } }
    /// The largest number that were ever inside together.
    var mostInside: Int { state.withLock { $0.mostInside } }

    func pass() async {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                state.inside += 1
                state.mostInside = max(state.mostInside, state.inside)
                state.waiting.append(continuation)
            }
        }
        state.withLock { $0.inside -= 1 }
    }

    /// Lets the oldest waiting crawl go; false when none waits.
    @discardableResult
    func releaseOne() -> Bool {
        let next = state.withLock { state in state.waiting.isEmpty ? nil : state.waiting.removeFirst() }
        next?.resume()
        return next != nil
    }
}
