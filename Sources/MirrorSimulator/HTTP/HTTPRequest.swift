import Foundation

/// One parsed HTTP/1.1 request as the simulator's handler sees it.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The request-target exactly as received (RFC 9112 §3.2), e.g. `/ai/assistants?page%5Bnumber%5D=2`.
    public let target: String
    /// The percent-decoded path, without the query.
    public let path: String
    /// Query parameters, decoded as `application/x-www-form-urlencoded` (WHATWG URL §5.1); the last one wins.
    public let query: [String: String]
    /// Header fields with lowercased names; repeated fields are joined with ", " (RFC 9110 §5.3).
    public let headers: [String: String]
    public let body: Data

    public init(
        method: String,
        target: String,
        path: String,
        query: [String: String],
        headers: [String: String],
        body: Data
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
