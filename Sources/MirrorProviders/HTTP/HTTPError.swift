import MirrorCore

/// Why `HTTPClient.get` produced no response. Statuses are not errors: a 404 or 401 comes back as an
/// `HTTPResponse` for the caller to judge. No case ever holds a request header value, so an API key cannot
/// leak through an error message; URLs are shown through `URLPolicy.redactedDescription`, proxies through
/// `ProxyEnvironment.Proxy.address`.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A transport failure that retrying cannot fix (`NetworkFailure.isPermanent`), after one attempt.
    case transport(url: String, failure: NetworkFailure)
    /// Every attempt failed with a retryable status or transport error. `lastStatus` is nil when the last
    /// attempt got no complete response (connection refused or reset, idle timeout, truncated body).
    case retriesExhausted(url: String, lastStatus: Int?, attempts: Int, lastFailure: NetworkFailure)
    /// One request outlasted `[mirror] request-timeout`. Not retried: a server slow enough to trip a
    /// whole-request deadline is likely to be as slow again.
    case deadlineExceeded(url: String, deadline: Duration)
    /// The body was larger than `[mirror] max-response-size` (by `Content-Length` or as received).
    case bodyTooLarge(url: String, limit: Int)
    /// The server redirected to another origin (or from https to http); following would have sent the
    /// request headers, API key included, to it.
    case redirectRefused(url: String, toOrigin: String)
    /// The URL fails `URLPolicy.validate`.
    case insecureURL(url: String, reason: String)

    /// Whether the failure belongs to the network or the server rather than to the configuration; the
    /// words of every case say what to check.
    public var description: String {
        switch self {
        case .transport(let url, let failure):
            "GET \(url) failed: \(failure). Not retried; the next sync tries again."
        case .retriesExhausted(let url, _, let attempts, let lastFailure):
            "GET \(url) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"); the last one: \(lastFailure). "
                + "A later sync will try again."
        case .deadlineExceeded(let url, let deadline):
            "GET \(url) did not finish within the request-timeout of \(DurationText.format(deadline)) "
                + "([mirror] request-timeout): the server answers too slowly or never stops sending."
        case .bodyTooLarge(let url, let limit):
            "GET \(url) returned more than the max-response-size of \(ByteSizeText.format(limit)) "
                + "([mirror] max-response-size); use a smaller page-size, or raise the limit if the pages are "
                + "really that large."
        case .redirectRefused(let url, let toOrigin):
            "GET \(url) was redirected to \(toOrigin), another origin; refused so that the API key is not sent "
                + "there. Configure the base URL the provider redirects to, if it is trusted."
        case .insecureURL(let url, let reason):
            "refusing to send a request to \(url): \(reason)."
        }
    }
}
