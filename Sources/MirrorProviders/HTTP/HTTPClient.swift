import Foundation
import MirrorCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one HTTP client every provider adapter uses: GET with bounded retries, server-directed waits,
/// a per-attempt deadline, a body cap, and redirects confined to the request's origin.
///
/// One long-lived `URLSession` serves the whole process: corelibs ties up threads per session
/// (swift-corelibs-foundation #3497). It is ephemeral, with no cache and no cookies, because a polling
/// mirror must see the provider's current state and carry no state of its own between requests.
public final class HTTPClient: HTTPFetching {
    public let configuration: Configuration
    let logger: Logger
    let session: URLSession
    let delegate: TransferDelegate
    let pauses = RateLimitPauses()
    /// Counts for the metrics (`assistant_mirror_http_…`).
    public let traffic: HTTPTraffic

    public init(configuration: Configuration = .init(), logger: Logger, traffic: HTTPTraffic = HTTPTraffic()) {
        self.configuration = configuration
        self.logger = logger
        self.traffic = traffic
        let settings = URLSessionConfiguration.ephemeral
        settings.urlCache = nil
        settings.requestCachePolicy = .reloadIgnoringLocalCacheData
        settings.httpCookieStorage = nil
        settings.httpCookieAcceptPolicy = .never
        settings.httpShouldSetCookies = false
        settings.timeoutIntervalForRequest = TimeInterval(configuration.idleTimeoutSeconds)
        _ = ProxyEnvironment.exemptLoopback
        if let proxy = configuration.proxies.httpsProxy {
            logger.info("https requests go through a proxy", ["proxy": proxy.address, "from": proxy.variable])
        }
        let delegate = TransferDelegate()
        self.delegate = delegate
        self.session = URLSession(configuration: settings, delegate: delegate, delegateQueue: nil)
    }

    /// The session retains its delegate until invalidated; this breaks that cycle (as SwiftPM's
    /// `URLSessionHTTPClient.deinit` does) and lets requests in flight finish.
    deinit {
        session.finishTasksAndInvalidate()
    }

    /// `GET url`, retried on transport failures, truncated bodies and retryable statuses
    /// (`RetryPolicy.isRetryable`). Any other status, 404 and 401 included, is returned after one attempt:
    /// only the caller knows whether a 404 confirms a deletion or signals a wrong path.
    public func get(_ url: URL, headers: [String: String], policy: RequestPolicy) async throws -> HTTPResponse {
        try URLPolicy.validate(url)
        let shown = URLPolicy.redactedDescription(url)
        guard let origin = Origin(url) else {
            throw HTTPError.insecureURL(url: shown, reason: "its scheme has no known default port")
        }
        let maxAttempts = max(1, policy.maxAttempts ?? configuration.maxAttempts)
        let proxy = configuration.proxies.proxy(scheme: origin.scheme, host: origin.host)
        let request = makeRequest(url, headers: headers)
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            try await waitForRateLimitReset(of: origin, url: shown)
            try await policy.rateLimiter?.acquire()
            let failure: (status: Int?, cause: NetworkFailure, serverWait: Duration?)
            switch try await perform(request, url: shown, proxy: proxy) {
            case .response(let response):
                traffic.attempt(status: response.status)
                notePause(announcedBy: response, origin: origin)
                logger.debug(
                    "HTTP attempt",
                    ["method": "GET", "url": shown, "status": String(response.status), "attempt": String(attempt)]
                )
                guard RetryPolicy.isRetryable(status: response.status) else { return response }
                let cause = NetworkFailure(kind: .status(response.status), detail: "")
                failure = (response.status, cause, serverRequestedWait(response))
            case .retryableFailure(let cause):
                traffic.attempt(status: nil)
                logger.debug(
                    "HTTP attempt",
                    ["method": "GET", "url": shown, "error": cause.description, "attempt": String(attempt)]
                )
                failure = (nil, cause, nil)
            }
            guard attempt < maxAttempts else {
                logger.warning(
                    "HTTP request gave up",
                    ["method": "GET", "url": shown, "attempts": String(attempt), "last": failure.cause.description]
                )
                throw HTTPError.retriesExhausted(
                    url: shown,
                    lastStatus: failure.status,
                    attempts: attempt,
                    lastFailure: failure.cause
                )
            }
            let wait = failure.serverWait ?? configuration.backoff.backoff(attempt: attempt - 1, random: &random)
            // One readable line per retry: `sync` on a terminal shows it, so a dead host is not silence.
            logger.notice(
                "\(policy.requester ?? origin.host): HTTP retry \(attempt + 1) of \(maxAttempts) in \(wait.readable): "
                    + "GET \(origin.host):\(origin.port) failed: \(failure.cause)",
                ["url": shown, "wait_source": failure.serverWait == nil ? "backoff" : "server"]
            )
            traffic.retry()
            if failure.serverWait != nil { traffic.rateLimitWait(wait) }
            try await configuration.sleep(wait)
        }
    }

    /// A GET carrying `headers`, with caching off at the request level too and the idle timeout repeated
    /// there, since corelibs reads the request's `timeoutInterval` as well as the session's.
    private func makeRequest(_ url: URL, headers: [String: String]) -> URLRequest {
        var request = URLRequest(
            url: url,
            cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: TimeInterval(configuration.idleTimeoutSeconds)
        )
        request.httpMethod = "GET"
        request.httpShouldHandleCookies = false
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        return request
    }
}
