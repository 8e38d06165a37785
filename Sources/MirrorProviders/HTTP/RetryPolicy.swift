/// When to retry a failed request and how long to wait in between.
///
/// The defaults: "full jitter" backoff with base 1 s and cap 60 s
/// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), and server-requested
/// waits clamped to 15 minutes so that a broken or hostile `Retry-After` cannot park a sync for days.
public struct RetryPolicy: Sendable, Equatable {
    /// The upper bound of the first retry's wait.
    public var base: Duration
    /// The largest upper bound any retry's wait can have.
    public var cap: Duration
    /// The longest wait a server can impose through `Retry-After` or `x-ratelimit-reset`.
    public var maxServerWait: Duration

    public init(base: Duration = .seconds(1), cap: Duration = .seconds(60), maxServerWait: Duration = .seconds(15 * 60))
    {
        self.base = base
        self.cap = cap
        self.maxServerWait = maxServerWait
    }

    /// Full jitter: a wait drawn uniformly from `[0, min(cap, base · 2^attempt)]`, where `attempt` counts the
    /// retries already made (0 before the first retry). Spreading retries over the whole interval, rather
    /// than around its end, is what keeps many clients that failed together from retrying together.
    public func backoff(attempt: Int, random: inout some RandomNumberGenerator) -> Duration {
        let capNanoseconds = max(0, Self.nanoseconds(cap))
        var upper = min(max(0, Self.nanoseconds(base)), capNanoseconds)
        // Doubling step by step stops at the cap instead of overflowing for large attempt numbers.
        var doublings = 0
        while doublings < attempt, upper < capNanoseconds {
            upper = upper > capNanoseconds / 2 ? capNanoseconds : upper * 2
            doublings += 1
        }
        return .nanoseconds(Int64.random(in: 0...upper, using: &random))
    }

    /// Statuses worth another try (RFC 9110 §15): 408 Request Timeout, 429 Too Many Requests (RFC 6585 §4)
    /// and the 5xx server errors, which describe the server's state rather than the request. Two 5xx are
    /// excluded because they are permanent by definition: 501 Not Implemented (§15.6.2) and 505 HTTP Version
    /// Not Supported (§15.6.6). Every other 4xx (400, 401, 403, 404, 422, …) says the request itself is wrong,
    /// and repeating it cannot help.
    public static func isRetryable(status: Int) -> Bool {
        switch status {
        case 408, 429: true
        case 501, 505: false
        case 500...599: true
        default: false
        }
    }

    /// The duration in whole nanoseconds, saturating at `Int64.max` (292 years, far beyond any cap).
    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? 0 : .max }
        let (total, sumOverflow) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return sumOverflow ? .max : total
    }
}
