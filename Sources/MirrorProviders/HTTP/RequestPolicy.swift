/// Per-request adjustments to the client's defaults, chosen by the provider adapter.
public struct RequestPolicy: Sendable {
    /// The budget every attempt draws from before it is sent (retries count: each is a request upstream).
    public var rateLimiter: RateLimiter?
    /// Overrides `HTTPClient.Configuration.maxAttempts` (values below 1 mean 1).
    public var maxAttempts: Int?
    /// Who asks (the account's name), so a retry or a wait says whose crawl it holds up.
    public var requester: String?

    public init(rateLimiter: RateLimiter? = nil, maxAttempts: Int? = nil, requester: String? = nil) {
        self.rateLimiter = rateLimiter
        self.maxAttempts = maxAttempts
        self.requester = requester
    }

    /// No rate limiter and the client's own attempt count.
    public static let `default` = RequestPolicy()
}
