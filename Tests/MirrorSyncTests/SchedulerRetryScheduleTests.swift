import Foundation
import Testing

@testable import MirrorSync

/// `RetrySchedule` alone: the policy as a pure function of successes, failures and time.
@Suite struct SchedulerRetryScheduleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = RetrySchedule.Policy(interval: .seconds(3600), jitter: 0)

    private func seconds(_ schedule: RetrySchedule) -> TimeInterval { schedule.nextRun.timeIntervalSince(start) }

    @Test func aNewScheduleIsDueAtItsFirstRunAndNotBefore() {
        var schedule = RetrySchedule(firstRun: start + 10)
        let dueJustBefore = schedule.isDue(at: start + 9.999)
        #expect(!dueJustBefore)
        let dueAtFirstRun = schedule.isDue(at: start + 10)
        #expect(dueAtFirstRun)
        #expect(schedule.breaker == .closed)
    }

    @Test func aSuccessWaitsTheIntervalWithoutJitter() {
        var schedule = RetrySchedule(firstRun: start)
        schedule.recordSuccess(at: start, policy: policy, random: 0.9)
        #expect(seconds(schedule) == 3600)
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.75, 0.999_999])
    func jitterStretchesOrShrinksTheIntervalWithinItsShare(random: Double) {
        var schedule = RetrySchedule(firstRun: start)
        schedule.recordSuccess(at: start, policy: .init(interval: .seconds(1000), jitter: 0.1), random: random)
        #expect(seconds(schedule) >= 900 && seconds(schedule) < 1100)
        #expect(abs(seconds(schedule) - (900 + 200 * random)) < 1e-6)
    }

    @Test func failuresBackOffExponentiallyFromThirtySeconds() {
        var schedule = RetrySchedule(firstRun: start)
        var now = start
        var waits: [TimeInterval] = []
        for _ in 1...4 {
            schedule.recordFailure(at: now, policy: policy, random: 0.5)
            waits.append(schedule.nextRun.timeIntervalSince(now))
            now = schedule.nextRun
        }
        #expect(waits == [30, 60, 120, 240])
        #expect(schedule.breaker == .closed)
        #expect(schedule.consecutiveFailures == 4)
    }

    @Test func backoffIsCappedAtTheInterval() {
        var schedule = RetrySchedule(firstRun: start)
        let short = RetrySchedule.Policy(interval: .seconds(90), jitter: 0)
        var waits: [TimeInterval] = []
        var now = start
        for _ in 1...3 {
            schedule.recordFailure(at: now, policy: short, random: 0.5)
            waits.append(schedule.nextRun.timeIntervalSince(now))
            now = schedule.nextRun
        }
        #expect(waits == [30, 60, 90])
    }

    @Test func theFifthConsecutiveFailureOpensTheBreakerForTheFirstCoolDown() {
        var schedule = RetrySchedule(firstRun: start)
        for _ in 1...4 { schedule.recordFailure(at: start, policy: policy, random: 0.5) }
        #expect(schedule.breaker == .closed)
        schedule.recordFailure(at: start, policy: policy, random: 0.5)
        #expect(schedule.breaker == .open)
        #expect(schedule.opens == 1)
        #expect(seconds(schedule) == 60)
    }

    @Test func anOpenBreakerIsNotDueDuringItsCoolDownAndTurnsHalfOpenAfter() {
        var schedule = RetrySchedule(firstRun: start)
        for _ in 1...5 { schedule.recordFailure(at: start, policy: policy, random: 0.5) }
        let dueInCoolDown = schedule.isDue(at: start + 59)
        #expect(!dueInCoolDown)
        #expect(schedule.breaker == .open)
        let dueAfterCoolDown = schedule.isDue(at: start + 60)
        #expect(dueAfterCoolDown)
        #expect(schedule.breaker == .halfOpen)
    }

    @Test func aFailedProbeReopensWithADoubledCoolDownUpToTheCap() {
        var schedule = RetrySchedule(firstRun: start)
        for _ in 1...5 { schedule.recordFailure(at: start, policy: policy, random: 0.5) }
        var coolDowns: [TimeInterval] = [seconds(schedule)]
        var now = schedule.nextRun
        for _ in 1...7 {
            let probeDue = schedule.isDue(at: now)
            #expect(probeDue)
            #expect(schedule.breaker == .halfOpen)
            schedule.recordFailure(at: now, policy: policy, random: 0.5)
            #expect(schedule.breaker == .open)
            coolDowns.append(schedule.nextRun.timeIntervalSince(now))
            now = schedule.nextRun
        }
        #expect(coolDowns == [60, 120, 240, 480, 960, 1800, 1800, 1800])
    }

    @Test func aSuccessfulProbeClosesTheBreakerAndForgetsTheFailures() {
        var schedule = RetrySchedule(firstRun: start)
        for _ in 1...6 { schedule.recordFailure(at: start, policy: policy, random: 0.5) }
        let probeDue = schedule.isDue(at: schedule.nextRun)
        #expect(probeDue)
        schedule.recordSuccess(at: start + 500, policy: policy, random: 0.5)
        #expect(schedule.breaker == .closed)
        #expect(schedule.consecutiveFailures == 0)
        #expect(schedule.opens == 0)
        #expect(seconds(schedule) == 500 + 3600)
        // The next failure starts the backoff again from the first retry.
        schedule.recordFailure(at: start + 4100, policy: policy, random: 0.5)
        #expect(seconds(schedule) == 4100 + 30)
    }

    @Test func runNowMakesEvenAnOpenBreakerDueAsAProbe() {
        var schedule = RetrySchedule(firstRun: start)
        for _ in 1...5 { schedule.recordFailure(at: start, policy: policy, random: 0.5) }
        let dueBeforeRunNow = schedule.isDue(at: start + 1)
        #expect(!dueBeforeRunNow)
        schedule.runNow(at: start + 1)
        let dueAfterRunNow = schedule.isDue(at: start + 1)
        #expect(dueAfterRunNow)
        #expect(schedule.breaker == .halfOpen)
    }
}
