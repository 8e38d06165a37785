import Foundation

/// A URL's origin: scheme, host and port (RFC 6454 §4), with the port made explicit from the scheme's
/// default so that `https://a.example` and `https://a.example:443` compare equal.
///
/// The redirect guard compares origins because an API key may go back to the server it was meant for and
/// nowhere else; per-host rate-limit pauses are keyed by it too.
struct Origin: Hashable, Sendable, CustomStringConvertible {
    let scheme: String
    let host: String
    let port: Int

    init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        guard let port = components.port ?? Self.defaultPorts[scheme] else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    var description: String { "\(scheme)://\(host):\(port)" }

    private static let defaultPorts = ["http": 80, "https": 443]
}
