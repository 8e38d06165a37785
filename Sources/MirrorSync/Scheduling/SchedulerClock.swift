import Foundation

/// The scheduler's view of time, injectable so tests can run hours of backoff in virtual time.
public protocol SchedulerClock: Sendable {
    func now() -> Date
    func sleep(for duration: TimeInterval) async throws
}

/// Wall-clock time and real sleeps.
public struct SystemSchedulerClock: SchedulerClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: TimeInterval) async throws {
        try await Task.sleep(for: .milliseconds(max(0, Int64((duration * 1000).rounded(.up)))))
    }
}
