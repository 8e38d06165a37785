import Foundation

/// What a provider adapter needs from HTTP: one GET with retries. `HTTPClient` is the real one; adapter
/// tests may substitute their own.
public protocol HTTPFetching: Sendable {
    /// The response to `GET url`, whatever its status once retries are spent on transient failures.
    /// `headers` may hold credentials: implementations must never log them or put them in an error.
    func get(_ url: URL, headers: [String: String], policy: RequestPolicy) async throws -> HTTPResponse
}

extension HTTPFetching {
    /// `get` with `RequestPolicy.default`.
    public func get(_ url: URL, headers: [String: String]) async throws -> HTTPResponse {
        try await get(url, headers: headers, policy: .default)
    }
}
