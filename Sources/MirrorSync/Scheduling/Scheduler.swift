import Foundation
import MirrorCore
import Synchronization

/// Runs each account's crawls on its own schedule (`RetrySchedule`), at most `maxConcurrent` at once.
///
/// A crawl runs in its own task, so a slow or failing account never holds up another: the loop only
/// starts crawls and sleeps until the next one is due, a crawl finishes, or someone calls `trigger`.
///
/// Its face to other threads is synchronous and never waits on the actor: `states()` reads a snapshot
/// the loop publishes after every change, and `trigger` leaves a request in an inbox and wakes the loop
/// through an `AsyncStream`. So the socket's threads ask the scheduler without blocking on async code.
public actor Scheduler {
    public typealias CrawlRunner = @Sendable (AccountConfiguration) async -> CrawlOutcome
    /// Called with a crawl's outcome when a triggered crawl ends.
    public typealias Completion = @Sendable (CrawlOutcome) -> Void

    /// What other threads see and leave for the loop.
    private struct Board: Sendable {
        var accounts: [String]
        var states: [AccountSchedule] = []
        var inbox: [(names: [String], completion: Completion?)] = []
    }

    private struct Entry {
        var account: AccountConfiguration
        var schedule: RetrySchedule
        var running = false
        var lastOutcome: CrawlOutcome?
        var waiters: [Completion] = []
        /// Asked for while a crawl ran: that crawl may have read its pages before the request, so the
        /// request gets a crawl of its own right after it, and these wait for that one.
        var rerun: [Completion]?
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var configuration: MirrorConfiguration
    private let clock: any SchedulerClock
    private let runCrawl: CrawlRunner
    private let onFinished: @Sendable (CrawlOutcome) -> Void
    private let board: Mutex<Board>
    private let wakeups: AsyncStream<Void>
    private let wakeupSignal: AsyncStream<Void>.Continuation
    /// The one timer that wakes the loop when the next crawl is due; replaced at every sleep.
    private var timer: Task<Void, Never>?
    /// Accounts whose crawl is in flight (child tasks of `run`'s task group).
    private var inFlight = Set<String>()
    private var random = SystemRandomNumberGenerator()
    private let heartbeat: @Sendable () -> Void
    private let heartbeatInterval: TimeInterval?

    public init(
        configuration: MirrorConfiguration,
        clock: any SchedulerClock = SystemSchedulerClock(),
        runCrawl: @escaping CrawlRunner,
        onFinished: @escaping @Sendable (CrawlOutcome) -> Void = { _ in },
        heartbeatInterval: TimeInterval? = nil,
        heartbeat: @escaping @Sendable () -> Void = {}
    ) {
        self.configuration = configuration
        self.clock = clock
        self.runCrawl = runCrawl
        self.onFinished = onFinished
        self.heartbeat = heartbeat
        self.heartbeatInterval = heartbeatInterval
        (wakeups, wakeupSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let now = clock.now()
        var entries: [String: Entry] = [:]
        for account in configuration.accounts {
            entries[account.name] = Entry(account: account, schedule: RetrySchedule(firstRun: now))
        }
        let order = configuration.accounts.map(\.name)
        var board = Board(accounts: order)
        board.states = Self.states(of: entries, in: order)
        self.entries = entries
        self.order = order
        self.board = Mutex(board)
    }

    /// Runs until the task is cancelled, then waits for the crawls in flight: each one finishes or
    /// rolls back its page transaction and records itself as interrupted. With a heartbeat, the loop
    /// turns at least every `heartbeatInterval` and calls it, which is what the watchdog listens to.
    public func run() async {
        var wakeup = wakeups.makeAsyncIterator()
        // Crawls are children of this group, so none outlives `run`: cancelling it cancels them, and
        // the group's end waits for each to record how it ended.
        await withDiscardingTaskGroup { crawls in
            while !Task.isCancelled {
                heartbeat()
                takeRequests()
                let starting = startDueCrawls()
                // Published before the crawls start, so a crawl that asks sees itself running.
                publish()
                for account in starting {
                    crawls.addTask { [runCrawl] in
                        let outcome = await runCrawl(account)
                        await self.finished(account.name, outcome)
                    }
                }
                // A cancelled task's stream iterator returns nil at once (AsyncStream docs).
                guard await sleepUntilNextEvent(&wakeup) else { break }
            }
            timer?.cancel()
            crawls.cancelAll()
        }
    }

    /// Marks accounts (all when `names` is empty) to crawl now; `completion` is called once per account
    /// with its crawl's outcome. Throws for an unknown name. Callable from any thread without waiting.
    @discardableResult
    public nonisolated func trigger(
        _ names: [String] = [],
        completion: Completion? = nil
    ) throws(QueryError) -> [String] {
        let selected = try board.withLock { board throws(QueryError) -> [String] in
            var unique = Set<String>()
            let selected = (names.isEmpty ? board.accounts : names).filter { unique.insert($0).inserted }
            for name in selected where !board.accounts.contains(name) {
                throw QueryError.notFound(
                    "no account named \(name); configured: \(board.accounts.joined(separator: ", "))"
                )
            }
            board.inbox.append((selected, completion))
            return selected
        }
        wake()
        return selected
    }

    /// Triggers the accounts and waits for their crawls to finish (fewer outcomes if cancelled).
    public nonisolated func triggerAndWait(_ names: [String] = []) async throws -> [CrawlOutcome] {
        let (outcomes, sink) = AsyncStream.makeStream(of: CrawlOutcome.self)
        let selected = try trigger(names) { sink.yield($0) }
        var byAccount: [String: CrawlOutcome] = [:]
        for await outcome in outcomes {
            byAccount[outcome.account] = outcome
            if byAccount.count == selected.count { break }
        }
        return selected.compactMap { byAccount[$0] }
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
        board.withLock { $0.accounts = order }
        publish()
        wake()
    }

    /// Every configured account's schedule, as the loop last published it.
    public nonisolated func states() -> [AccountSchedule] {
        board.withLock { $0.states }
    }

    private static func states(of entries: [String: Entry], in order: [String]) -> [AccountSchedule] {
        order.compactMap { name in
            entries[name].map {
                AccountSchedule(
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

    private func publish() {
        let states = Self.states(of: entries, in: order)
        board.withLock { $0.states = states }
    }

    // MARK: - Loop

    /// Takes the requests `trigger` left: each named account is due now, and its waiters are noted.
    private func takeRequests() {
        let requests = board.withLock { board in
            defer { board.inbox = [] }
            return board.inbox
        }
        let now = clock.now()
        for request in requests {
            for name in request.names {
                guard entries[name] != nil else {
                    // Removed by a reload after the request was accepted.
                    continue
                }
                if entries[name]!.running {
                    entries[name]!.rerun = (entries[name]!.rerun ?? []) + (request.completion.map { [$0] } ?? [])
                    continue
                }
                entries[name]!.schedule.runNow(at: now)
                if let completion = request.completion { entries[name]!.waiters.append(completion) }
            }
        }
    }

    /// Marks the due accounts as running, as many as free slots allow, and returns them to start.
    private func startDueCrawls() -> [AccountConfiguration] {
        let now = clock.now()
        var starting: [AccountConfiguration] = []
        for name in order {
            guard inFlight.count < configuration.maxConcurrentCrawls else { break }
            guard var entry = entries[name], !entry.running, entry.schedule.isDue(at: now) else { continue }
            entry.running = true
            entries[name] = entry
            inFlight.insert(name)
            starting.append(entry.account)
        }
        return starting
    }

    private func finished(_ name: String, _ outcome: CrawlOutcome) {
        inFlight.remove(name)
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
        // An account a reload removed while this crawl ran goes now; a crawl asked for meanwhile will
        // not run, so its waiters get this outcome rather than none.
        let removed = !order.contains(name)
        var waiters = entry.waiters
        entry.waiters = []
        if let rerun = entry.rerun {
            entry.rerun = nil
            if removed {
                waiters += rerun
            } else {
                entry.schedule.runNow(at: now)
                entry.waiters = rerun
            }
        }
        entries[name] = removed ? nil : entry
        publish()
        for waiter in waiters { waiter(outcome) }
        onFinished(outcome)
    }

    private func interval(of account: AccountConfiguration) -> Duration {
        account.interval ?? configuration.interval
    }

    /// Sleeps until the next crawl is due, a crawl finishes, a request arrives, or the heartbeat is due.
    /// Returns false once the task is cancelled.
    private func sleepUntilNextEvent(_ wakeup: inout AsyncStream<Void>.AsyncIterator) async -> Bool {
        let now = clock.now()
        let idle = entries.values.filter { !$0.running }
        let next = idle.map(\.schedule.nextRun).min()
        // With every slot busy, only a finishing crawl can start the next one.
        var delay: TimeInterval? =
            inFlight.count >= configuration.maxConcurrentCrawls ? nil : next.map { max(0, $0.timeIntervalSince(now)) }
        if let heartbeatInterval { delay = min(delay ?? heartbeatInterval, heartbeatInterval) }
        if delay == 0 { return !Task.isCancelled }
        timer?.cancel()
        timer = nil
        if let delay {
            timer = Task { [clock, wakeupSignal] in
                try? await clock.sleep(for: delay)
                if !Task.isCancelled { wakeupSignal.yield() }
            }
        }
        return await wakeup.next(isolation: self) != nil
    }

    private nonisolated func wake() {
        wakeupSignal.yield()
    }
}
