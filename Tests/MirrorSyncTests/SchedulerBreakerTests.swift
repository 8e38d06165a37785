import Foundation
import MirrorStore
import Testing

@testable import MirrorSync

/// The scheduler on virtual time: when a failing account is crawled again, and that a healthy one never
/// notices. Jitter is 0 so every expected time is exact; the expected values are RetrySchedule's documented
/// policy (30 s doubling, breaker after 5 failures, 60 s cool-down doubling), written out by hand.
@Suite struct SchedulerBreakerTests {
    @Test func aFailingAccountBacksOffExponentiallyUntilTheBreakerOpens() async {
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["bad"])) { _, _ in .failed }
        probe.start()
        await probe.run(untilElapsed: 449)
        #expect(probe.calls(of: "bad") == [0, 30, 90, 210])
        let beforeOpening = await probe.scheduler.states()
        #expect(beforeOpening.first?.breaker == .closed)
        #expect(beforeOpening.first?.consecutiveFailures == 4)

        await probe.run(untilElapsed: 450)
        let opened = await probe.scheduler.states()
        #expect(opened.first?.breaker == .open)
        #expect(opened.first?.consecutiveFailures == 5)
        #expect(opened.first?.nextRun == probe.clock.start + 510)
        await probe.stop()
    }

    @Test func theBreakerWaitsItsCoolDownProbesOnceReopensDoubledAndClosesOnSuccess() async {
        // Calls 0…4 fail (the 5th opens the breaker), probes 5 and 6 fail, probe 7 succeeds.
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["bad", "good"])) {
            account,
            previous in
            account == "good" || previous >= 7 ? .ok : .failed
        }
        probe.start()
        await probe.run(untilElapsed: 5000)
        // Open at 450 for 60 s: nothing until the one probe at 510; re-opened for 120 s: the probe at 630;
        // re-opened for 240 s: the probe at 870 succeeds, and the next crawl waits the full interval.
        #expect(probe.calls(of: "bad") == [0, 30, 90, 210, 450, 510, 630, 870, 4470])
        let breakers = probe.recordedCalls.filter { $0.account == "bad" }.map(\.breaker)
        #expect(breakers == [.closed, .closed, .closed, .closed, .closed, .halfOpen, .halfOpen, .halfOpen, .closed])
        // The healthy account keeps its own schedule throughout.
        #expect(probe.calls(of: "good") == [0, 3600])
        let states = await probe.scheduler.states()
        #expect(states.first { $0.account == "bad" }?.breaker == .closed)
        #expect(states.first { $0.account == "bad" }?.consecutiveFailures == 0)
        await probe.stop()
    }

    @Test func anInterruptedCrawlCountsNeitherAsSuccessNorFailure() async {
        let probe = SchedulerProbe(configuration: SchedulerProbe.configuration(accounts: ["a"])) { _, previous in
            previous == 0 ? .failed : .interrupted
        }
        probe.start()
        await probe.run(untilElapsed: 30)
        #expect(probe.calls(of: "a") == [0, 30])
        let state = await probe.scheduler.states().first
        // Retried after the first retry delay, not at once (which would loop) and not as a second failure.
        #expect(state?.nextRun == probe.clock.start + 60)
        #expect(state?.breaker == .closed)
        #expect(state?.consecutiveFailures == 1)
        #expect(state?.lastOutcome?.status == .interrupted)
        await probe.stop()
    }
}
