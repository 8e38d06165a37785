import Foundation
import Testing

@testable import MirrorProviders

@Suite("RateLimiter")
struct RateLimiterTests {
    @Test("the budget is free within a minute, then each request waits for the oldest one to leave the window")
    func slidingWindow() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: 3, now: clock.now, sleep: clock.sleep)
        for _ in 1...3 { try await limiter.acquire() }
        #expect(clock.waits.isEmpty)
        try await limiter.acquire()  // 4th: the window is full until the 1st is 60 s old
        #expect(clock.waits == [.seconds(60)])
        try await limiter.acquire()  // 5th and 6th: the 2nd and 3rd left the window at the same instant
        try await limiter.acquire()
        #expect(clock.waits == [.seconds(60)])
        try await limiter.acquire()  // 7th: the window holds the 4th to 6th, granted 60 s in
        #expect(clock.waits == [.seconds(60), .seconds(60)])
    }

    @Test("time that passed between requests counts toward the window")
    func partialWait() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: 2, now: clock.now, sleep: clock.sleep)
        try await limiter.acquire()
        clock.advance(by: .seconds(45))
        try await limiter.acquire()
        clock.advance(by: .seconds(5))
        try await limiter.acquire()
        #expect(clock.waits == [.seconds(10)])
        clock.advance(by: .seconds(120))
        try await limiter.acquire()
        #expect(clock.waits == [.seconds(10)])
    }

    @Test("concurrent callers each reserve their own slot rather than sharing one")
    func concurrentCallersQueue() async throws {
        let clock = ManualClock(advancesOnSleep: false)
        let limiter = RateLimiter(requestsPerMinute: 1, now: clock.now, sleep: clock.sleep)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 1...3 { group.addTask { try await limiter.acquire() } }
            try await group.waitForAll()
        }
        #expect(clock.waits.sorted() == [.seconds(60), .seconds(120)])
    }

    @Test("a budget below one still lets one request a minute through")
    func nonPositiveBudget() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, now: clock.now, sleep: clock.sleep)
        #expect(limiter.requestsPerMinute == 1)
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.waits == [.seconds(60)])
    }

    @Test("cancellation while waiting surfaces as CancellationError")
    func cancelledWait() async throws {
        let limiter = RateLimiter(requestsPerMinute: 1)
        try await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    @Test("the shared registry hands every caller with one key the same limiter")
    func sharedRegistry() {
        let key = "invent-\(UUID())"
        let first = RateLimiter.shared(key: key, requestsPerMinute: 500)
        let second = RateLimiter.shared(key: key, requestsPerMinute: 10)
        let other = RateLimiter.shared(key: "other-\(UUID())", requestsPerMinute: 500)
        #expect(first === second)
        #expect(second.requestsPerMinute == 500)
        #expect(first !== other)
    }
}
