import Foundation

/// One account's place in the daemon's schedule, as `status` reports it.
public struct AccountSchedule: Sendable, Equatable {
    public let account: String
    public let provider: ProviderKind
    public let running: Bool
    public let breaker: BreakerState
    public let consecutiveFailures: Int
    public let nextRun: Date
    public let lastOutcome: CrawlOutcome?

    public init(
        account: String,
        provider: ProviderKind,
        running: Bool,
        breaker: BreakerState,
        consecutiveFailures: Int,
        nextRun: Date,
        lastOutcome: CrawlOutcome?
    ) {
        self.account = account
        self.provider = provider
        self.running = running
        self.breaker = breaker
        self.consecutiveFailures = consecutiveFailures
        self.nextRun = nextRun
        self.lastOutcome = lastOutcome
    }
}
