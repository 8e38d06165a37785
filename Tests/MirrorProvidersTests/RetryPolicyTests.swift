import TestSupport
import Testing

@testable import MirrorProviders

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("full-jitter backoff stays in [0, min(cap, base·2^n)] and covers that range", arguments: 0...9)
    func backoffBounds(attempt: Int) {
        let policy = RetryPolicy()
        var random = SplitMix64(seed: 0xC0FFEE + UInt64(attempt))
        let upper = min(policy.cap, policy.base * (1 << attempt))
        let samples = (0..<1000).map { _ in policy.backoff(attempt: attempt, random: &random) }
        #expect(samples.allSatisfy { $0 >= .zero && $0 <= upper })
        // Full jitter spreads over the whole interval, not around its end: both tails must be reached.
        #expect(samples.min()! < upper / 10)
        #expect(samples.max()! > upper * 9 / 10)
    }

    @Test("huge attempt numbers saturate at the cap instead of overflowing")
    func backoffSaturates() {
        let policy = RetryPolicy()
        var random = SplitMix64(seed: 7)
        for attempt in [40, 63, 64, 1000, Int.max] {
            let wait = policy.backoff(attempt: attempt, random: &random)
            #expect(wait >= .zero && wait <= policy.cap)
        }
    }

    @Test("a cap below the base bounds even the first wait; a negative attempt acts as the first")
    func capBelowBase() {
        let policy = RetryPolicy(base: .seconds(10), cap: .seconds(2))
        var random = SplitMix64(seed: 11)
        for attempt in [-5, 0, 1, 5] {
            #expect(policy.backoff(attempt: attempt, random: &random) <= .seconds(2))
        }
    }

    @Test("a zero base always yields zero")
    func zeroBase() {
        let policy = RetryPolicy(base: .zero)
        var random = SplitMix64(seed: 3)
        #expect((0..<20).allSatisfy { policy.backoff(attempt: $0, random: &random) == .zero })
    }

    @Test("transient statuses are retryable", arguments: [408, 429, 500, 502, 503, 504, 507, 599])
    func retryable(status: Int) {
        #expect(RetryPolicy.isRetryable(status: status))
    }

    @Test(
        "statuses that describe the request, success, or a permanent server limit are not retried",
        arguments: [200, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409, 410, 422, 431, 501, 505]
    )
    func notRetryable(status: Int) {
        #expect(!RetryPolicy.isRetryable(status: status))
    }
}
