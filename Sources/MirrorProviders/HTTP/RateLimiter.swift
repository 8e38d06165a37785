import Synchronization

/// A client-side request budget: at most `requestsPerMinute` requests start in any 60-second window.
///
/// It keeps the start times of the last `requestsPerMinute` grants (a sliding-window log), which enforces
/// the limit exactly, unlike a token bucket that starts full and lets nearly twice the budget through in
/// the first minute. Invent documents "500 requests per minute per IP address", so every Invent account on
/// the host must draw on one limiter: see `shared(key:requestsPerMinute:)`.
public actor RateLimiter {
    public typealias Instant = ContinuousClock.Instant

    public nonisolated let requestsPerMinute: Int
    private let now: @Sendable () -> Instant
    private let sleep: @Sendable (Duration) async throws -> Void
    /// Grant times in ascending order, at most `requestsPerMinute` of them; some may lie in the future.
    private var grants: [Instant] = []

    private static let window = Duration.seconds(60)

    /// - Parameters:
    ///   - requestsPerMinute: the budget; values below 1 are raised to 1 so that requests still flow.
    ///   - now: the monotonic clock; tests inject a fake one.
    ///   - sleep: how to wait; tests inject one that advances the fake clock.
    public init(
        requestsPerMinute: Int,
        now: @escaping @Sendable () -> Instant = { ContinuousClock.now },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.requestsPerMinute = max(1, requestsPerMinute)
        self.now = now
        self.sleep = sleep
    }

    /// Waits until a request may start. The slot is reserved before waiting, so concurrent callers queue in
    /// order instead of all waking for the same slot (the actor is reentrant across the `await`). A caller
    /// cancelled while waiting gives up its slot unused, which only errs on the side of sending less.
    public func acquire() async throws {
        let current = now()
        var grant = current
        if grants.count == requestsPerMinute {
            grant = max(current, grants.removeFirst() + Self.window)
        }
        grants.append(grant)
        if grant > current {
            try await sleep(current.duration(to: grant))
        }
    }

    private static let registry = Mutex<[String: RateLimiter]>([:])

    /// The process-wide limiter for `key`, created on first use. Accounts that share an upstream budget
    /// (Invent's is per client IP) pass the same key and so share one window. The first caller's
    /// `requestsPerMinute` wins; later callers with another figure get the existing limiter.
    public static func shared(key: String, requestsPerMinute: Int) -> RateLimiter {
        registry.withLock { limiters in
            if let existing = limiters[key] { return existing }
            let limiter = RateLimiter(requestsPerMinute: requestsPerMinute)
            limiters[key] = limiter
            return limiter
        }
    }
}
