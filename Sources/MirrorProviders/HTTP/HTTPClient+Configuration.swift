import MirrorCore

extension HTTPClient {
    /// Timeouts, retry budget and size limits. The defaults suit polling SaaS APIs: a 30 s idle timeout, two
    /// minutes per attempt, six attempts; every field is injectable for tests.
    public struct Configuration: Sendable {
        /// The longest silence tolerated while a response is in flight (`timeoutIntervalForRequest`, an idle
        /// timer reset by each chunk). swift-corelibs-foundation truncates it to whole seconds
        /// (`Int(timeoutIntervalForRequest) * 1000` in HTTPURLProtocol.swift), so it is rounded up to at least 1 s.
        public var requestIdleTimeout: Duration
        /// The longest one request (one attempt) may take from start to last byte, `[mirror] request-timeout`.
        /// Enforced by the client itself, with a real clock, because corelibs stores
        /// `timeoutIntervalForResource` but never reads it: a server trickling a byte a second would otherwise
        /// keep the idle timer from ever firing.
        public var attemptDeadline: Duration
        /// Attempts per request, the first included.
        public var maxAttempts: Int
        public var backoff: RetryPolicy
        /// The largest body accepted, `[mirror] max-response-size`; a provider page is far smaller, so anything
        /// bigger (a body that never stops, say) is a fault.
        public var maxBodyBytes: Int
        /// How the client waits between attempts and for rate-limit resets; tests record instead of sleeping.
        public var sleep: @Sendable (Duration) async throws -> Void
        /// The monotonic clock for rate-limit resets; tests inject one that their `sleep` advances.
        public var now: @Sendable () -> ContinuousClock.Instant
        /// The proxy variables libcurl will read, for messages; tests inject their own.
        public var proxies: ProxyEnvironment

        public init(
            requestIdleTimeout: Duration = .seconds(30),
            attemptDeadline: Duration = MirrorConfiguration.defaultRequestTimeout,
            maxAttempts: Int = 6,
            backoff: RetryPolicy = RetryPolicy(),
            maxBodyBytes: Int = MirrorConfiguration.defaultMaxResponseSize,
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
            now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
            proxies: ProxyEnvironment = ProxyEnvironment(ProxyEnvironment.currentVariables())
        ) {
            self.requestIdleTimeout = requestIdleTimeout
            self.attemptDeadline = attemptDeadline
            self.maxAttempts = maxAttempts
            self.backoff = backoff
            self.maxBodyBytes = maxBodyBytes
            self.sleep = sleep
            self.now = now
            self.proxies = proxies
        }

        /// The defaults, with the `[mirror]` section's request-timeout and max-response-size.
        public init(mirror settings: MirrorConfiguration) {
            self.init(attemptDeadline: settings.requestTimeout, maxBodyBytes: settings.maxResponseSize)
        }

        /// `requestIdleTimeout` as the whole number of seconds corelibs will actually apply.
        var idleTimeoutSeconds: Int {
            let (seconds, attoseconds) = requestIdleTimeout.components
            return max(1, Int(clamping: seconds) + (attoseconds > 0 ? 1 : 0))
        }
    }
}
