import Foundation

/// A complete HTTP response of any status. Header names are lowercased (field names are case-insensitive,
/// RFC 9110 §5.1), so lookups never depend on how the server spelled them.
public struct HTTPResponse: Sendable, Equatable {
    public let status: Int
    /// Lowercased names; repeated fields are combined by Foundation with ", " (RFC 9110 §5.3).
    public let headers: [String: String]
    public let body: Data
    /// The URL that answered: the request URL, or the same-origin target of a followed redirect.
    public let url: URL

    public init(status: Int, headers: [String: String], body: Data, url: URL) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
        self.url = url
    }

    /// The value of header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
