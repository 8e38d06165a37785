import MirrorCore
import Synchronization

/// What the HTTP client did since the process started, for the metrics: attempts by status class,
/// retries, and waits for a rate limit. Kept in memory only (Prometheus counters restart at zero with
/// the process, and `rate()` handles the reset).
public final class HTTPTraffic: Sendable {
    /// The counts at one instant.
    public struct Counts: Sendable, Equatable {
        /// Attempts by outcome: `1xx` … `5xx` for a response, `error` for no complete response.
        public var attempts: [String: Int] = [:]
        /// Attempts after the first of a request.
        public var retries = 0
        /// Sleeps for a rate limit: a spent budget's reset, or a retryable response's `Retry-After`.
        public var rateLimitWaits = 0
        public var rateLimitWaitSeconds = 0.0

        public init() {}
    }

    /// Every outcome class, so each series exists from the start (a counter that appears only on its
    /// first increment hides that increment from `rate()`).
    public static let outcomeClasses = ["1xx", "2xx", "3xx", "4xx", "5xx", "error"]

    private let counts = Mutex(Counts())

    public init() {}

    public var snapshot: Counts { counts.withLock { $0 } }

    func attempt(status: Int?) {
        let outcome = status.map { "\(min(max($0 / 100, 1), 5))xx" } ?? "error"
        counts.withLock { $0.attempts[outcome, default: 0] += 1 }
    }

    func retry() {
        counts.withLock { $0.retries += 1 }
    }

    func rateLimitWait(_ wait: Duration) {
        counts.withLock {
            $0.rateLimitWaits += 1
            $0.rateLimitWaitSeconds += wait.seconds
        }
    }
}
