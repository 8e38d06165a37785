import Foundation
import MirrorCore
import MirrorStore
import Synchronization
import Testing

@testable import MirrorSync

/// The scheduler's controls on virtual time: trigger, the concurrency bound, reload.
@Suite struct SchedulerControlTests {
    @Test func triggerRunsAnAccountAtOnceAndRestartsItsInterval() async throws {
        var configuration = SchedulerProbe.configuration(accounts: ["a", "tick"])
        configuration.accounts[1].interval = .seconds(600)
        let probe = SchedulerProbe(configuration: configuration)
        probe.start()
        await probe.run(untilElapsed: 600)
        #expect(probe.calls(of: "a") == [0])

        let outcomes = try await probe.scheduler.triggerAndWait(["a"])
        #expect(outcomes.map(\.account) == ["a"])
        #expect(outcomes.first?.status == .ok)
        #expect(probe.calls(of: "a") == [0, 600])
        await probe.run(untilElapsed: 4300)
        #expect(probe.calls(of: "a") == [0, 600, 4200])
        await probe.stop()
    }

    /// `sync` while the account's crawl runs: that crawl may have read its pages before the request (an
    /// edit made just before `sync --wait` would be missed), so the request gets a crawl of its own right
    /// after it and waits for that one, not for the one already running.
    @Test func triggerWhileACrawlRunsGetsACrawlOfItsOwnAfterIt() async throws {
        let gate = CrawlGate()
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a"])) { _, previous in
            if previous == 0 { await gate.pass() }
            return previous == 0 ? .failed : .ok
        }
        probe.start()
        #expect(await eventually { gate.waiting == 1 })
        let (outcomes, sink) = AsyncStream.makeStream(of: CrawlOutcome.self)
        _ = try probe.scheduler.trigger(["a"]) { sink.yield($0) }
        _ = try probe.scheduler.trigger(["a"]) { sink.yield($0) }
        #expect(await eventually { await probe.scheduler.states().first?.running == true })
        gate.releaseOne()
        var received: [CrawlStatus] = []
        for await outcome in outcomes {
            received.append(outcome.status)
            if received.count == 2 { break }
        }
        // Both requests wait for the second crawl (ok), none for the running one (failed); one crawl
        // serves both, at once after the first.
        #expect(received == [.ok, .ok])
        #expect(probe.calls(of: "a") == [0, 0])
        await probe.run(untilElapsed: 3599)
        #expect(probe.calls(of: "a") == [0, 0])
        await probe.stop()
    }

    /// The same request, for an account a reload removes while its crawl runs: no crawl follows, and
    /// the request is answered with the running crawl's outcome rather than left waiting for ever.
    @Test func triggerWhileACrawlRunsOfAnAccountReloadedAwayIsStillAnswered() async throws {
        let gate = CrawlGate()
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a", "b"])) { account, _ in
            if account == "a" { await gate.pass() }
            return .ok
        }
        probe.start()
        #expect(await eventually { gate.waiting == 1 })
        // Polled, not awaited: a request left unanswered must fail the test, not hang it.
        let answered = Mutex<CrawlOutcome?>(nil)
        _ = try probe.scheduler.trigger(["a"]) { outcome in answered.withLock { $0 = outcome } }
        #expect(await eventually { await probe.scheduler.states().first { $0.account == "a" }?.running == true })
        await probe.scheduler.reload(SchedulerProbe.configuration(accounts: ["b"]))
        gate.releaseOne()
        #expect(await eventually { answered.withLock { $0 } != nil })
        let outcome = answered.withLock { $0 }
        #expect(outcome?.account == "a" && outcome?.status == .ok)
        await probe.run(untilElapsed: 3599)
        #expect(probe.calls(of: "a") == [0])
        await probe.stop()
    }

    @Test func triggerDuringTheCoolDownSendsTheProbeAtOnce() async throws {
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["bad"])) { _, previous in
            previous < 5 ? .failed : .ok
        }
        probe.start()
        await probe.run(untilElapsed: 450)
        #expect(await probe.scheduler.states().first?.breaker == .open)
        let outcomes = try await probe.scheduler.triggerAndWait(["bad"])
        #expect(outcomes.first?.status == .ok)
        #expect(probe.recordedCalls.last == .init(account: "bad", at: 450, breaker: .halfOpen))
        #expect(await probe.scheduler.states().first?.breaker == .closed)
        await probe.stop()
    }

    @Test func triggerOfAnUnknownAccountNamesTheConfiguredOnes() async {
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a", "b"]))
        await #expect {
            try await probe.scheduler.trigger(["nope"])
        } throws: { error in
            guard case QueryError.notFound(let message) = error else { return false }
            return message.contains("nope") && message.contains("a, b")
        }
        #expect(probe.recordedCalls.isEmpty)
    }

    @Test(arguments: [1, 2, 3])
    func crawlsInFlightNeverExceedTheBound(limit: Int) async {
        let gate = CrawlGate()
        let names = (1...5).map { "account-\($0)" }
        let probe = SchedulerProbe(
            configuration: SchedulerProbe.configuration(accounts: names, maxConcurrentCrawls: limit)
        ) { _, _ in
            await gate.pass()
            return .ok
        }
        probe.start()
        for released in 0..<names.count {
            // Each time a slot frees, the next waiting account takes it, up to the bound.
            let expected = min(limit, names.count - released)
            #expect(await eventually { gate.waiting == expected })
            #expect(probe.recordedCalls.count == min(names.count, released + limit))
            gate.releaseOne()
        }
        #expect(await eventually { probe.recordedCalls.count == names.count && gate.inside == 0 })
        #expect(gate.mostInside == limit)
        #expect(Set(probe.recordedCalls.map(\.account)) == Set(names))
        await probe.stop()
    }

    @Test func reloadKeepsSchedulesByNameAddsAccountsAndDropsOthers() async {
        var configuration = SchedulerProbe.configuration(accounts: ["a", "b"])
        configuration.accounts[0].interval = .seconds(1000)
        let probe = SchedulerProbe(configuration: configuration)
        probe.start()
        await probe.run(untilElapsed: 1000)
        #expect(probe.calls(of: "a") == [0, 1000])

        await probe.scheduler.reload(SchedulerProbe.configuration(accounts: ["b", "c"]))
        await probe.run(untilElapsed: 5000)
        #expect(await probe.scheduler.states().map(\.account) == ["b", "c"])
        #expect(probe.calls(of: "a") == [0, 1000])
        #expect(probe.calls(of: "b") == [0, 3600])
        #expect(probe.calls(of: "c") == [1000, 4600])
        await probe.stop()
    }

    @Test func reloadWithAShorterIntervalBringsTheNextCrawlForward() async {
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a", "tick"]))
        probe.start()
        await probe.run(untilElapsed: 0)
        var tickEvery100 = SchedulerProbe.configuration(accounts: ["a", "tick"])
        tickEvery100.accounts[1].interval = .seconds(100)
        await probe.scheduler.reload(tickEvery100)
        await probe.run(untilElapsed: 250)
        #expect(probe.calls(of: "tick") == [0, 100, 200])
        #expect(probe.calls(of: "a") == [0])

        var shorter = tickEvery100
        shorter.interval = .seconds(600)
        await probe.scheduler.reload(shorter)
        await probe.run(untilElapsed: 1500)
        // Reloaded at 200 with a 600 s interval: the crawl due at 3600 comes forward to 800.
        #expect(probe.calls(of: "a") == [0, 800, 1400])

        await probe.scheduler.reload(tickEvery100)
        await probe.run(untilElapsed: 2500)
        // A longer interval does not push back the crawl already due sooner.
        #expect(probe.calls(of: "a") == [0, 800, 1400, 2000])
        await probe.stop()
    }

    @Test func aSyncWaitingOnAnAccountThatAReloadDropsStillGetsItsOutcome() async throws {
        let gate = CrawlGate()
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a", "b"])) {
            account,
            previous in
            if account == "a" && previous == 1 { await gate.pass() }
            return .ok
        }
        probe.start()
        await probe.run(untilElapsed: 0)
        // trigger and the wait's registration happen in one actor turn, so once the crawl is held the
        // waiter is in place.
        let answered = Mutex<[CrawlOutcome]?>(nil)
        Task {
            let outcomes = try await probe.scheduler.triggerAndWait(["a"])
            answered.withLock { $0 = outcomes }
        }
        #expect(await eventually { gate.waiting == 1 })
        await probe.scheduler.reload(SchedulerProbe.configuration(accounts: ["b"]))
        // Its crawl still runs, but it is no longer an account one can ask for.
        await #expect(throws: QueryError.self) { try await probe.scheduler.trigger(["a"]) }
        gate.releaseOne()
        // Bounded: a lost waiter would otherwise hang the test instead of failing it.
        #expect(await eventually { answered.withLock { $0 } != nil })
        #expect(answered.withLock { $0 }?.map(\.account) == ["a"])
        #expect(await probe.scheduler.states().map(\.account) == ["b"])
        await probe.run(untilElapsed: 4000)
        #expect(probe.calls(of: "a") == [0, 0])
        #expect(probe.calls(of: "b") == [0, 3600])
        await probe.stop()
    }
}
