import Foundation

/// What a prompt write needs from HTTP: one request with a body, sent once. `HTTPClient` is the real one.
public protocol HTTPSending: Sendable {
    /// The response to `method url` with `body`, whatever its status. Never retried: PATCH and POST are not
    /// idempotent (RFC 9110 §9.2.2), and a write whose reply was lost is judged by re-reading the record.
    /// `headers` may hold credentials: implementations must never log them or put them in an error.
    func send(_ method: String, _ url: URL, headers: [String: String], body: Data) async throws -> HTTPResponse
}
