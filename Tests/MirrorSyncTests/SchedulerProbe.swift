import Foundation
import MirrorCore
import MirrorStore
import Synchronization
import Testing

@testable import MirrorSync

/// A `Scheduler` on virtual time whose crawl runner records every call and answers as the test scripts it,
/// with helpers to wait (bounded, in real time) until the scheduler has settled.
final class SchedulerProbe: Sendable {
    struct Call: Sendable, Equatable {
        let account: String
        /// Virtual seconds since the clock's start.
        let at: TimeInterval
        /// The account's breaker as `states()` reported it while the crawl ran.
        let breaker: BreakerState?
    }

    /// What the crawl runner shares with the probe (Mutex cannot be captured, a class holding it can).
    private final class Shared: Sendable {
        let calls = Mutex<[Call]>([])
        /// Lets the runner ask the scheduler about itself; emptied by `stop()` to break the reference cycle.
        let scheduler = Mutex<Scheduler?>(nil)
    }

    let clock = VirtualSchedulerClock()
    let scheduler: Scheduler
    private let shared = Shared()
    private let running = Mutex<Task<Void, Never>?>(nil)

    /// `outcome` decides each crawl's status from the account and how many times it has been called before.
    init(
        configuration: MirrorConfiguration,
        outcome: @escaping @Sendable (_ account: String, _ previousCalls: Int) async -> CrawlStatus = { _, _ in .ok }
    ) {
        let shared = self.shared
        let clock = self.clock
        scheduler = Scheduler(configuration: configuration, clock: clock) { account in
            let at = clock.elapsed
            let breaker = await shared.scheduler.withLock { $0 }?.states().first { $0.account == account.name }?.breaker
            let previous = shared.calls.withLock { log -> Int in
                let previous = log.filter { $0.account == account.name }.count
                log.append(Call(account: account.name, at: at, breaker: breaker))
                return previous
            }
            return Self.outcome(account.name, await outcome(account.name, previous))
        }
        shared.scheduler.withLock { $0 = scheduler }
    }

    static func configuration(
        accounts names: [String],
        interval: Duration = .seconds(3600),
        jitter: Double = 0,
        maxConcurrentCrawls: Int = 2
    ) -> MirrorConfiguration {
        MirrorConfiguration(
            database: "/nonexistent/unused.db",
            socket: "/nonexistent/unused.sock",
            interval: interval,
            jitter: jitter,
            maxConcurrentCrawls: maxConcurrentCrawls,
            accounts: names.map {
                AccountConfiguration(name: $0, provider: .puretalk, secret: .environment(name: "UNUSED"))
            }
        )
    }

    static func outcome(_ account: String, _ status: CrawlStatus) -> CrawlOutcome {
        CrawlOutcome(
            account: account,
            status: status,
            complete: status == .ok,
            progress: CrawlProgress(),
            error: status == .failed ? "scripted failure" : nil,
            warnings: [],
            resumed: false,
            dryRun: false
        )
    }

    func start() {
        let scheduler = self.scheduler
        running.withLock { $0 = Task { await scheduler.run() } }
    }

    /// Cancels the run loop and waits for it (and the crawls in flight) to end.
    func stop() async {
        let task = running.withLock { $0 }
        task?.cancel()
        await task?.value
        shared.scheduler.withLock { $0 = nil }
    }

    var recordedCalls: [Call] { shared.calls.withLock { $0 } }

    func calls(of account: String) -> [TimeInterval] {
        recordedCalls.filter { $0.account == account }.map(\.at)
    }

    /// Waits until no crawl runs and the loop sleeps until the earliest next run: the state in which moving
    /// virtual time is the only thing that can happen next.
    func settle(sourceLocation: SourceLocation = #_sourceLocation) async {
        let settled = await eventually {
            let states = await self.scheduler.states()
            guard states.allSatisfy({ !$0.running }), let earliest = states.map(\.nextRun).min() else { return false }
            return self.clock.pendingDeadlines == [earliest]
        }
        #expect(settled, "the scheduler did not settle", sourceLocation: sourceLocation)
    }

    /// Settles, then jumps virtual time from deadline to deadline until it would pass `elapsed` seconds.
    func run(untilElapsed limit: TimeInterval, sourceLocation: SourceLocation = #_sourceLocation) async {
        while true {
            await settle(sourceLocation: sourceLocation)
            guard let next = clock.pendingDeadlines.first, next.timeIntervalSince(clock.start) <= limit else { return }
            clock.advanceToNextDeadline()
        }
    }
}

/// Polls `condition` until it holds or 90 s of real time pass: a bound so a bug fails the test instead of
/// hanging it, never an expectation about speed. (20 s ran out in full runs on 2 cores: Swift Testing
/// starts every test at once, and the cooperative pool this poll needs stays busy for 16–22 s.)
func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(90)
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return await condition()
}
