import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The proxy variables as libcurl reads them, for the one rule the mirror adds and for messages.
///
/// swift-corelibs-foundation never sets `CURLOPT_PROXY` (EasyHandle.swift leaves proxy options as a TODO),
/// so libcurl picks the proxy itself from the environment for every connection (lib/url.c `detect_proxy`,
/// https://curl.se/libcurl/c/CURLOPT_PROXY.html): `https_proxy` or `HTTPS_PROXY` for https URLs, only the
/// lower-case `http_proxy` for http ones (the upper-case form is ignored, a CGI safeguard), then `all_proxy`
/// or `ALL_PROXY`; hosts matching `no_proxy` (or `NO_PROXY`) go direct. A proxy URL may carry credentials
/// (`http://user:pass@host:port`); only `address` (without them) is ever shown.
public struct ProxyEnvironment: Sendable {
    /// A proxy as shown in logs and messages.
    public struct Proxy: Sendable, Equatable {
        /// `scheme://host:port` with any user-info removed.
        public let address: String
        /// The variable that named it, e.g. `https_proxy`.
        public let variable: String
    }

    /// libcurl does not exempt loopback by itself (curl 7.88 sends `CONNECT localhost:…` to the proxy), but
    /// the simulator and the tests live there. CIDR entries in `no_proxy` need curl ≥ 7.86.
    static let loopbackEntries = ["localhost", "127.0.0.0/8", "::1"]

    let variables: [String: String]

    public init(_ variables: [String: String]) { self.variables = variables }

    /// The proxy libcurl will use for `scheme` and `host`, or nil when it goes direct.
    public func proxy(scheme: String, host: String) -> Proxy? {
        if URLPolicy.isLoopback(host: host) || bypassed(host) { return nil }
        let names =
            (scheme.lowercased() == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"])
            + ["all_proxy", "ALL_PROXY"]
        for name in names {
            if let value = variables[name], !value.isEmpty {
                return Proxy(address: Self.withoutCredentials(value), variable: name)
            }
        }
        return nil
    }

    /// The proxy https requests go through by default, for the start-up log line.
    public var httpsProxy: Proxy? { proxy(scheme: "https", host: "provider.invalid") }

    /// `no_proxy` extended with the loopback entries, or nil when no proxy variable is set or loopback is
    /// already listed.
    var noProxyWithLoopback: String? {
        let proxyNames = ["https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY"]
        guard proxyNames.contains(where: { !(variables[$0] ?? "").isEmpty }) else { return nil }
        let current = variables["no_proxy"] ?? variables["NO_PROXY"] ?? ""
        let entries = Self.entries(current)
        if entries.contains("*") || Self.loopbackEntries.allSatisfy(entries.contains) { return nil }
        return (entries + Self.loopbackEntries.filter { !entries.contains($0) }).joined(separator: ",")
    }

    /// Adds loopback to the process's `no_proxy` once, before the first transfer: libcurl reads the variable
    /// at every connection, and no other setting reaches it through Foundation. A no-op without a proxy.
    public static let exemptLoopback: Void = {
        if let value = ProxyEnvironment(currentVariables()).noProxyWithLoopback {
            setenv("no_proxy", value, 1)
        }
    }()

    /// The proxy-related variables of this process.
    public static func currentVariables() -> [String: String] {
        var found: [String: String] = [:]
        for name in ["https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"] {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }

    /// libcurl's `no_proxy` rule: `*` matches everything, an entry matches the host itself and its
    /// subdomains (a leading dot is optional).
    private func bypassed(_ host: String) -> Bool {
        let host = host.lowercased()
        return Self.entries(variables["no_proxy"] ?? variables["NO_PROXY"] ?? "").contains { entry in
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            return entry == "*" || host == domain || host.hasSuffix("." + domain)
        }
    }

    private static func entries(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// `[scheme://][user:pass@]host[:port][/…]` → `scheme://host[:port]` (libcurl assumes `http://`).
    static func withoutCredentials(_ value: String) -> String {
        let (scheme, rest) =
            value.range(of: "://").map { (String(value[..<$0.lowerBound]), value[$0.upperBound...]) }
            ?? ("http", Substring(value))
        let authority = rest.prefix { $0 != "/" }
        let hostPart = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return "\(scheme.lowercased())://\(hostPart)"
    }
}
