import Foundation

/// Wakes `changes --follow` streams when the sync engine commits new revisions: a generation counter
/// under a condition variable, so a waiter never misses a commit that happened between its last read
/// and its wait.
public final class ChangeNotifier: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation = 0

    public init() {}

    public var currentGeneration: Int {
        condition.lock()
        defer { condition.unlock() }
        return generation
    }

    public func notify() {
        condition.lock()
        generation += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the generation moves past `seen` or `timeout` passes; returns the generation.
    public func wait(after seen: Int, timeout: TimeInterval) -> Int {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while generation == seen {
            if !condition.wait(until: deadline) { break }
        }
        return generation
    }
}
