import Foundation
import MirrorCore

/// When an account crawls next, as a pure function of what happened: the testable heart of the scheduler.
///
/// - A success waits the account's interval, stretched or shrunk by up to `jitter` so accounts drift apart.
/// - A failure retries sooner, backing off exponentially: 30 s, 1 min, 2 min … capped at the interval.
/// - After `breakerThreshold` consecutive failures the circuit opens
///   (https://martinfowler.com/bliki/CircuitBreaker.html): no crawl for a cool-down of 1 min, doubling
///   on each re-open up to 30 min; then one half-open probe decides between closing and re-opening.
/// An open breaker never delays another account: each account has its own `RetrySchedule`.
public struct RetrySchedule: Sendable, Equatable {
    public struct Policy: Sendable, Equatable {
        public var interval: Duration
        public var jitter: Double
        public var firstRetry: Duration = .seconds(30)
        public var breakerThreshold = 5
        public var firstCoolDown: Duration = .seconds(60)
        public var maxCoolDown: Duration = .seconds(1800)

        public init(interval: Duration, jitter: Double) {
            self.interval = interval
            self.jitter = jitter
        }
    }

    public private(set) var breaker = BreakerState.closed
    public private(set) var consecutiveFailures = 0
    public private(set) var opens = 0
    public private(set) var nextRun: Date

    public init(firstRun: Date) { nextRun = firstRun }

    /// Whether a crawl may start at `now`; moves an open breaker whose cool-down ended to half-open.
    public mutating func isDue(at now: Date) -> Bool {
        guard now >= nextRun else { return false }
        if breaker == .open { breaker = .halfOpen }
        return true
    }

    public mutating func recordSuccess(at now: Date, policy: Policy, random: Double) {
        breaker = .closed
        consecutiveFailures = 0
        opens = 0
        nextRun = now + Self.jittered(policy.interval, jitter: policy.jitter, random: random)
    }

    public mutating func recordFailure(at now: Date, policy: Policy, random: Double) {
        consecutiveFailures += 1
        if breaker == .halfOpen || consecutiveFailures >= policy.breakerThreshold {
            breaker = .open
            opens += 1
            let coolDown = min(policy.maxCoolDown, policy.firstCoolDown * (1 << min(opens - 1, 20)))
            nextRun = now + coolDown.seconds
            return
        }
        let backoff = min(policy.interval, policy.firstRetry * (1 << min(consecutiveFailures - 1, 20)))
        nextRun = now + Self.jittered(backoff, jitter: policy.jitter, random: random)
    }

    /// A crawl cut short (shutdown, cancellation) says nothing about the account: the counters and the
    /// breaker stay as they were, and the crawl is tried again after the first retry delay. Leaving
    /// `nextRun` in the past would make the scheduler start it again at once, in a loop.
    public mutating func recordInterruption(at now: Date, policy: Policy, random: Double) {
        nextRun = now + Self.jittered(min(policy.interval, policy.firstRetry), jitter: policy.jitter, random: random)
    }

    /// An operator asked for a crawl now (the socket's `sync`): it runs at once, as a probe when open.
    public mutating func runNow(at now: Date) {
        nextRun = now
    }

    /// A reload shortened the interval: a closed schedule waits at most the new one from `now`, so an
    /// operator who goes from 1 h to 1 min does not wait out the old hour. An open breaker keeps its
    /// cool-down, which does not depend on the interval.
    public mutating func shortenWait(to interval: Duration, at now: Date) {
        guard breaker == .closed else { return }
        nextRun = min(nextRun, now + interval.seconds)
    }

    /// `duration` scaled by a factor in [1 - jitter, 1 + jitter]; `random` is uniform in [0, 1).
    static func jittered(_ duration: Duration, jitter: Double, random: Double) -> TimeInterval {
        duration.seconds * (1 + jitter * (2 * random - 1))
    }
}
