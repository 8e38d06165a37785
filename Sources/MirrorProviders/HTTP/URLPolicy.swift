import Foundation

/// Which URLs may carry an API key, and how URLs appear in logs and errors.
///
/// The key travels in a header, so a plain-`http` request would publish it to every hop on the path; only
/// loopback, where the built-in simulator and the tests run, is exempt (the configuration rule in the design:
/// "`http://` base URLs are refused except on loopback"). User-info (`https://user:pass@host`) is refused
/// outright: it is a second, unredactable place for a credential (RFC 9110 §4.2.4 deprecates it).
public enum URLPolicy {
    /// Throws `HTTPError.insecureURL` unless `url` is `https` with a host, or `http` to a loopback host
    /// (127.0.0.0/8, `::1`, `localhost`), and has no user-info.
    public static func validate(_ url: URL) throws {
        let shown = redactedDescription(url)
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw HTTPError.insecureURL(url: shown, reason: "it is not a valid URL")
        }
        guard components.user == nil, components.password == nil else {
            throw HTTPError.insecureURL(
                url: shown,
                reason: "it embeds user-info; pass credentials through the account's api-key settings instead"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw HTTPError.insecureURL(url: shown, reason: "it has no host")
        }
        switch components.scheme?.lowercased() {
        case "https":
            return
        case "http" where isLoopback(host: host):
            return
        case "http":
            throw HTTPError.insecureURL(
                url: shown,
                reason: "plain http would expose the API key; use https (http is allowed only to loopback)"
            )
        default:
            throw HTTPError.insecureURL(url: shown, reason: "only https (or http to loopback) is supported")
        }
    }

    /// `url` without user-info, for logs and error messages. The query is kept: none of the providers puts
    /// a credential there, and paging parameters are what a reader of the log needs.
    public static func redactedDescription(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return "<unparseable URL>"
        }
        components.user = nil
        components.password = nil
        return components.string ?? "<unparseable URL>"
    }

    /// Loopback per RFC 6890 (127.0.0.0/8) and RFC 4291 §2.5.3 (`::1`), plus the name `localhost`, which
    /// RFC 6761 §6.3 lets resolvers pin to loopback.
    static func isLoopback(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            (1...3).contains(octet.utf8.count) && octet.utf8.allSatisfy { (0x30...0x39).contains($0) }
                && UInt8(octet) != nil
        }
    }
}
