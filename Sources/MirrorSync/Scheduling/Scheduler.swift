import Foundation
import MirrorCore
import MirrorStore

/// Runs each account's crawls on its own schedule (`RetrySchedule`), at most `maxConcurrent` at once.
///
/// A crawl runs in its own task, so a slow or failing account never holds up another: the loop only
/// starts crawls and sleeps until the next one is due, a crawl finishes, or someone calls `trigger`.
public actor Scheduler {
    public typealias CrawlRunner = @Sendable (AccountConfiguration) async -> CrawlOutcome

    /// One account's schedule as `status` reports it.
    public struct AccountState: Sendable, Equatable {
        public let account: String
        public let provider: ProviderKind
        public let running: Bool
        public let breaker: RetrySchedule.Breaker
        public let consecutiveFailures: Int
        public let nextRun: Date
        public let lastOutcome: CrawlOutcome?
    }

    private struct Entry {
        var account: AccountConfiguration
        var schedule: RetrySchedule
        var running = false
        var lastOutcome: CrawlOutcome?
        var waiters: [CheckedContinuation<CrawlOutcome, Never>] = []
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var configuration: MirrorConfiguration
    private let clock: any SchedulerClock
    private let runCrawl: CrawlRunner
    private let onFinished: @Sendable (CrawlOutcome) -> Void
    private var wakeUp: CheckedContinuation<Void, Never>?
    private var timer: Task<Void, Never>?
    private var crawls: [String: Task<Void, Never>] = [:]
    private var random = SystemRandomNumberGenerator()
    private var stopping = false
    public private(set) var loopIterations = 0

    public init(
        configuration: MirrorConfiguration,
        clock: any SchedulerClock = SystemSchedulerClock(),
        runCrawl: @escaping CrawlRunner,
        onFinished: @escaping @Sendable (CrawlOutcome) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.clock = clock
        self.runCrawl = runCrawl
        self.onFinished = onFinished
        let now = clock.now()
        for account in configuration.accounts {
            entries[account.name] = Entry(account: account, schedule: RetrySchedule(firstRun: now))
            order.append(account.name)
        }
    }

    /// Runs until the task is cancelled, then waits for the crawls in flight: each one finishes or
    /// rolls back its page transaction and records itself as interrupted.
    public func run() async {
        await withTaskCancellationHandler {
            while !Task.isCancelled && !stopping {
                loopIterations += 1
                startDueCrawls()
                await sleepUntilNextEvent()
            }
        } onCancel: {
            Task { await self.stop() }
        }
        let inFlight = Array(crawls.values)
        for crawl in inFlight { crawl.cancel() }
        for crawl in inFlight { await crawl.value }
    }

    private func stop() {
        stopping = true
        wake()
    }

    /// Marks accounts (all when `names` is empty) to crawl now. Throws for an unknown name.
    @discardableResult
    public func trigger(_ names: [String] = []) throws -> [String] {
        let selected = names.isEmpty ? order : names
        for name in selected where !order.contains(name) {
            throw QueryError.notFound("no account named \(name); configured: \(order.joined(separator: ", "))")
        }
        let now = clock.now()
        for name in selected { entries[name]!.schedule.runNow(at: now) }
        wake()
        return selected
    }

    /// Triggers the accounts and waits for their crawls to finish.
    public func triggerAndWait(_ names: [String] = []) async throws -> [CrawlOutcome] {
        let selected = try trigger(names)
        var outcomes: [CrawlOutcome] = []
        for name in selected {
            outcomes.append(await withCheckedContinuation { entries[name]!.waiters.append($0) })
        }
        return outcomes
    }

    /// Swaps in a new configuration (SIGHUP). Accounts keep their schedule by name, brought forward
    /// when their interval got shorter; new ones crawl at once; removed ones are dropped, but one whose
    /// crawl is in flight stays (out of `order`, never started again) until that crawl ends, so a `sync`
    /// waiting on it gets its outcome.
    public func reload(_ newConfiguration: MirrorConfiguration) {
        let now = clock.now()
        var kept: [String: Entry] = [:]
        for account in newConfiguration.accounts {
            guard var entry = entries[account.name] else {
                kept[account.name] = Entry(account: account, schedule: RetrySchedule(firstRun: now))
                continue
            }
            let newInterval = account.interval ?? newConfiguration.interval
            if newInterval < interval(of: entry.account) { entry.schedule.shortenWait(to: newInterval, at: now) }
            entry.account = account
            kept[account.name] = entry
        }
        for (name, entry) in entries where kept[name] == nil && entry.running {
            kept[name] = entry
        }
        configuration = newConfiguration
        entries = kept
        order = newConfiguration.accounts.map(\.name)
        wake()
    }

    public func states() -> [AccountState] {
        order.compactMap { name in
            entries[name].map {
                AccountState(
                    account: name,
                    provider: $0.account.provider,
                    running: $0.running,
                    breaker: $0.schedule.breaker,
                    consecutiveFailures: $0.schedule.consecutiveFailures,
                    nextRun: $0.schedule.nextRun,
                    lastOutcome: $0.lastOutcome
                )
            }
        }
    }

    /// Answers when the actor is not stuck: the watchdog pings only while this returns.
    public func ping() -> Int { loopIterations }

    // MARK: - Loop

    private func startDueCrawls() {
        let now = clock.now()
        for name in order {
            guard crawls.count < configuration.maxConcurrentCrawls else { return }
            guard var entry = entries[name], !entry.running, entry.schedule.isDue(at: now) else { continue }
            entry.running = true
            entries[name] = entry
            let account = entry.account
            crawls[name] = Task { [runCrawl] in
                let outcome = await runCrawl(account)
                self.finished(name, outcome)
            }
        }
    }

    private func finished(_ name: String, _ outcome: CrawlOutcome) {
        crawls[name] = nil
        defer { wake() }
        guard var entry = entries[name] else { return }
        entry.running = false
        entry.lastOutcome = outcome
        let policy = RetrySchedule.Policy(interval: interval(of: entry.account), jitter: configuration.jitter)
        let now = clock.now()
        let draw = Double.random(in: 0..<1, using: &random)
        switch outcome.status {
        case .ok: entry.schedule.recordSuccess(at: now, policy: policy, random: draw)
        // An interrupted crawl (shutdown) is neither a success nor a failure of the account.
        case .interrupted: entry.schedule.recordInterruption(at: now, policy: policy, random: draw)
        case .failed, .running: entry.schedule.recordFailure(at: now, policy: policy, random: draw)
        }
        let waiters = entry.waiters
        entry.waiters = []
        // An account a reload removed while this crawl ran goes now.
        entries[name] = order.contains(name) ? entry : nil
        for waiter in waiters { waiter.resume(returning: outcome) }
        onFinished(outcome)
    }

    private func interval(of account: AccountConfiguration) -> Duration {
        account.interval ?? configuration.interval
    }

    private func sleepUntilNextEvent() async {
        let now = clock.now()
        let idle = entries.values.filter { !$0.running }
        let next = idle.map(\.schedule.nextRun).min()
        // With every slot busy, only a finishing crawl can start the next one.
        let delay: TimeInterval? =
            crawls.count >= configuration.maxConcurrentCrawls ? nil : next.map { max(0, $0.timeIntervalSince(now)) }
        if delay == 0 { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            wakeUp = continuation
            if let delay {
                timer = Task { [clock] in
                    try? await clock.sleep(for: delay)
                    if !Task.isCancelled { self.wake() }
                }
            }
        }
    }

    private func wake() {
        timer?.cancel()
        timer = nil
        if let continuation = wakeUp {
            wakeUp = nil
            continuation.resume()
        }
    }
}
