import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why one attempt got no usable response, sorted by what the operator has to check. The same words reach
/// `sync`'s output, `status` (through `sync_runs.error`) and the log, because all three print the error's
/// description.
///
/// On Linux, FoundationNetworking is libcurl underneath, and it keeps only a few of curl's codes
/// (`urlErrorCode(for:)` in swift-corelibs-foundation's MultiHandle.swift): refused → `cannotConnectToHost`,
/// unresolvable host → `cannotFindHost`, timeouts → `timedOut`, reset → `networkConnectionLost`; every TLS
/// failure becomes `NSURLErrorUnknown` carrying curl's error buffer as its description. So TLS failures are
/// told apart by that text, which is libcurl's and OpenSSL's own (curl 7.88 with OpenSSL 3 on Debian 12).
public struct NetworkFailure: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case certificateUntrusted
        case certificateNameMismatch
        case certificateExpired
        /// The handshake itself failed, typically https spoken to a plain-http port.
        case tlsHandshake
        case hostNotFound
        case connectionRefused
        case timedOut
        case connectionLost
        /// Fewer bytes than `Content-Length` promised (RFC 9112 §8).
        case truncatedBody
        /// The server answered a retryable status (429, 5xx, 408).
        case status(Int)
        /// The proxy could not be reached (refused or unresolvable).
        case proxyUnreachable
        /// The proxy answered the CONNECT with an error status (RFC 9110 §9.3.6).
        case proxyRefused
        case other
    }

    public let kind: Kind
    /// The transport's own words (curl's error buffer), or empty when the summary says it all.
    public let detail: String
    /// The proxy in use for the request, credentials removed, with the variable that named it.
    public let proxy: ProxyEnvironment.Proxy?

    public init(kind: Kind, detail: String, proxy: ProxyEnvironment.Proxy? = nil) {
        self.kind = kind
        self.detail = detail
        self.proxy = proxy
    }

    /// Retrying within one crawl cannot fix these: a certificate, a name or a proxy rule does not change in
    /// seconds. The next scheduled crawl tries again. DNS counts as permanent because its usual cause is a
    /// mistyped `base-url`; a resolver outage is covered by the next crawl.
    public var isPermanent: Bool {
        switch kind {
        case .certificateUntrusted, .certificateNameMismatch, .certificateExpired, .tlsHandshake, .hostNotFound,
            .proxyRefused:
            true
        case .connectionRefused, .timedOut, .connectionLost, .truncatedBody, .status, .proxyUnreachable, .other:
            false
        }
    }

    /// What happened, in a few words, then what to check.
    public var description: String {
        detail.isEmpty ? "\(summary); \(advice)" : "\(summary) (\(detail)); \(advice)"
    }

    private var summary: String {
        switch kind {
        case .certificateUntrusted: "the server's TLS certificate is not signed by a CA this machine trusts"
        case .certificateNameMismatch: "the server's TLS certificate is for another host name"
        case .certificateExpired: "the server's TLS certificate has expired or is not yet valid"
        case .tlsHandshake: "the TLS handshake failed"
        case .hostNotFound: "the host name could not be resolved"
        case .connectionRefused: "the connection was refused"
        case .timedOut: "the server did not answer in time"
        case .connectionLost: "the connection was lost"
        case .truncatedBody: "the response ended early"
        case .status(let status): "the provider answered HTTP \(status)"
        case .proxyUnreachable: "the proxy \(proxyName) could not be reached"
        case .proxyRefused: "the proxy \(proxyName) refused to connect to the provider"
        case .other: "the request failed"
        }
    }

    private var advice: String {
        switch kind {
        case .certificateUntrusted:
            "add the issuing CA to the system trust store (update-ca-certificates), or check for a "
                + "TLS-intercepting proxy"
        case .certificateNameMismatch: "check the host name in base-url"
        case .certificateExpired: "the provider must renew it; also check this machine's clock"
        case .tlsHandshake: "check that base-url's port speaks https, not plain http"
        case .hostNotFound: "check the host name in base-url and the DNS resolver (/etc/resolv.conf)"
        case .connectionRefused: "check the port in base-url, or the provider is down"
        case .timedOut, .connectionLost, .truncatedBody, .status: "the provider is down or overloaded"
        case .proxyUnreachable: "check \(proxy?.variable ?? "the proxy variable") and that the proxy is running"
        case .proxyRefused:
            "the proxy's rules must allow CONNECT to the provider's host and port, or list the host in no_proxy"
        case .other: "check base-url and the network path to it"
        }
    }

    private var proxyName: String { proxy.map { "\($0.address) (from \($0.variable))" } ?? "in use" }

    /// Sorts a transport error from a data task. `proxy` is the proxy libcurl used for the request, if any.
    static func classify(_ error: NSError, proxy: ProxyEnvironment.Proxy?) -> NetworkFailure {
        let detail = error.localizedDescription
        let text = detail.lowercased()
        func failure(_ kind: Kind) -> NetworkFailure { NetworkFailure(kind: kind, detail: detail, proxy: proxy) }
        // Proxy failures first: with a proxy, "refused" and "could not resolve" are about the proxy.
        if text.contains("could not resolve proxy") { return failure(.proxyUnreachable) }
        if text.contains("connect tunnel failed") || text.contains("proxy connect aborted") {
            return failure(.proxyRefused)
        }
        switch URLError.Code(rawValue: error.code) {
        case .cannotConnectToHost: return failure(proxy == nil ? .connectionRefused : .proxyUnreachable)
        case .cannotFindHost, .dnsLookupFailed: return failure(.hostNotFound)
        case .timedOut: return failure(.timedOut)
        case .networkConnectionLost, .badServerResponse: return failure(.connectionLost)
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot: return failure(.certificateUntrusted)
        case .serverCertificateHasBadDate, .serverCertificateNotYetValid: return failure(.certificateExpired)
        default: break
        }
        // libcurl's words (lib/vtls/openssl.c, X509_verify_cert_error_string(3)).
        if text.contains("no alternative certificate subject name") || text.contains("does not match target host") {
            return failure(.certificateNameMismatch)
        }
        if text.contains("certificate has expired") || text.contains("certificate is not yet valid") {
            return failure(.certificateExpired)
        }
        if text.contains("ssl certificate problem") || text.contains("certificate verify failed") {
            return failure(.certificateUntrusted)
        }
        if text.contains("ssl") || text.contains("tls") { return failure(.tlsHandshake) }
        if text.contains("could not resolve host") { return failure(.hostNotFound) }
        return failure(.other)
    }
}
