extension HTTPClient {
    /// Timeouts, retry budget and size limits. The defaults suit polling SaaS APIs: a 30 s idle timeout, two
    /// minutes per attempt, six attempts; every field is injectable for tests.
    public struct Configuration: Sendable {
        /// The longest silence tolerated while a response is in flight (`timeoutIntervalForRequest`, an idle
        /// timer reset by each chunk). swift-corelibs-foundation truncates it to whole seconds
        /// (`Int(timeoutIntervalForRequest) * 1000` in HTTPURLProtocol.swift), so it is rounded up to at least 1 s.
        public var requestIdleTimeout: Duration
        /// The longest one attempt may take from start to last byte. Enforced by the client itself, with a real
        /// clock, because corelibs stores `timeoutIntervalForResource` but never reads it.
        public var attemptDeadline: Duration
        /// Attempts per request, the first included.
        public var maxAttempts: Int
        public var backoff: RetryPolicy
        /// The largest body accepted; a provider page is far smaller, so anything bigger is a fault.
        public var maxBodyBytes: Int
        /// How the client waits between attempts and for rate-limit resets; tests record instead of sleeping.
        public var sleep: @Sendable (Duration) async throws -> Void
        /// The monotonic clock for rate-limit resets; tests inject one that their `sleep` advances.
        public var now: @Sendable () -> ContinuousClock.Instant

        public init(
            requestIdleTimeout: Duration = .seconds(30),
            attemptDeadline: Duration = .seconds(120),
            maxAttempts: Int = 6,
            backoff: RetryPolicy = RetryPolicy(),
            maxBodyBytes: Int = 32 << 20,
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
            now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
        ) {
            self.requestIdleTimeout = requestIdleTimeout
            self.attemptDeadline = attemptDeadline
            self.maxAttempts = maxAttempts
            self.backoff = backoff
            self.maxBodyBytes = maxBodyBytes
            self.sleep = sleep
            self.now = now
        }

        /// `requestIdleTimeout` as the whole number of seconds corelibs will actually apply.
        var idleTimeoutSeconds: Int {
            let (seconds, attoseconds) = requestIdleTimeout.components
            return max(1, Int(clamping: seconds) + (attoseconds > 0 ? 1 : 0))
        }
    }
}
