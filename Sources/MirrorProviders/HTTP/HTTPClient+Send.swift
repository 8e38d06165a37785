import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension HTTPClient: HTTPSending {
    /// One attempt with the same deadline, body cap and same-origin redirects as `get`; a transport
    /// failure is thrown, not retried (`HTTPSending`).
    public func send(_ method: String, _ url: URL, headers: [String: String], body: Data) async throws -> HTTPResponse {
        try URLPolicy.validate(url)
        let shown = URLPolicy.redactedDescription(url)
        guard let origin = Origin(url) else {
            throw HTTPError.insecureURL(url: shown, reason: "its scheme has no known default port")
        }
        var request = URLRequest(
            url: url,
            cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: TimeInterval(configuration.idleTimeoutSeconds)
        )
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let proxy = configuration.proxies.proxy(scheme: origin.scheme, host: origin.host)
        switch try await perform(request, url: shown, proxy: proxy) {
        case .response(let response):
            logger.debug("HTTP attempt", ["method": method, "url": shown, "status": String(response.status)])
            return response
        case .retryableFailure(let failure):
            logger.debug("HTTP attempt", ["method": method, "url": shown, "error": failure.description])
            throw HTTPError.transport(url: shown, failure: failure)
        }
    }
}
