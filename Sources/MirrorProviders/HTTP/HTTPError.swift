/// Why `HTTPClient.get` produced no response. Statuses are not errors: a 404 or 401 comes back as an
/// `HTTPResponse` for the caller to judge. No case ever holds a request header value, so an API key cannot
/// leak through an error message; URLs are shown through `URLPolicy.redactedDescription`.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A transport failure that retrying cannot fix (e.g. an untrusted TLS certificate), after one attempt.
    case transport(url: String, description: String)
    /// Every attempt failed with a retryable status or transport error. `lastStatus` is nil when the last
    /// attempt got no complete response (connection refused or reset, idle timeout, truncated body).
    case retriesExhausted(url: String, lastStatus: Int?, attempts: Int, lastFailure: String)
    /// One attempt outlasted `HTTPClient.Configuration.attemptDeadline`. Not retried: a server slow enough to
    /// trip a whole-attempt deadline is likely to be as slow again.
    case deadlineExceeded(url: String, deadline: Duration)
    /// The body was larger than `HTTPClient.Configuration.maxBodyBytes` (by `Content-Length` or as received).
    case bodyTooLarge(url: String, limit: Int)
    /// The server redirected to another origin (or from https to http); following would have sent the
    /// request headers, API key included, to it.
    case redirectRefused(url: String, toOrigin: String)
    /// The URL fails `URLPolicy.validate`.
    case insecureURL(url: String, reason: String)

    public var description: String {
        switch self {
        case .transport(let url, let description):
            "GET \(url) failed: \(description). This is not a transient fault; check the base URL, DNS and "
                + "the TLS certificate chain."
        case .retriesExhausted(let url, _, let attempts, let lastFailure):
            "GET \(url) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"); the last one: \(lastFailure). "
                + "The provider is down or overloaded; a later sync will try again."
        case .deadlineExceeded(let url, let deadline):
            "GET \(url) did not complete within \(deadline.readable); the server is responding too slowly."
        case .bodyTooLarge(let url, let limit):
            "GET \(url) returned a body larger than the \(limit)-byte limit; use a smaller page size."
        case .redirectRefused(let url, let toOrigin):
            "GET \(url) was redirected to \(toOrigin), another origin; refused so that the API key is not sent "
                + "there. Configure the base URL the provider redirects to, if it is trusted."
        case .insecureURL(let url, let reason):
            "refusing to send a request to \(url): \(reason)."
        }
    }
}
