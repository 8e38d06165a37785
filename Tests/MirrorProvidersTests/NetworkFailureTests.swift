import Foundation
import Testing

@testable import MirrorProviders

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The sorting of transport errors as FoundationNetworking delivers them on Linux: libcurl's few mapped
/// codes, and `NSURLErrorUnknown` with curl's own words for everything TLS. The texts are the ones curl
/// 7.88 with OpenSSL 3 prints (each was seen in a real run; the TLS suite reproduces them end to end).
@Suite("NetworkFailure classification")
struct NetworkFailureTests {
    static let proxy = ProxyEnvironment.Proxy(address: "http://127.0.0.1:3128", variable: "https_proxy")

    static func kind(_ code: Int, _ text: String, proxy: ProxyEnvironment.Proxy? = nil) -> NetworkFailure.Kind {
        let error = NSError(domain: NSURLErrorDomain, code: code, userInfo: [NSLocalizedDescriptionKey: text])
        return NetworkFailure.classify(error, proxy: proxy).kind
    }

    @Test(arguments: [
        (
            -1, "SSL certificate problem: unable to get local issuer certificate",
            NetworkFailure.Kind.certificateUntrusted
        ),
        (-1, "SSL certificate problem: self-signed certificate", .certificateUntrusted),
        (
            -1, "SSL: no alternative certificate subject name matches target host name 'localhost'",
            .certificateNameMismatch
        ),
        (-1, "SSL certificate problem: certificate has expired", .certificateExpired),
        (-1, "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number", .tlsHandshake),
        (-1003, "Could not resolve host: api.example.invalid", .hostNotFound),
        (-1004, "Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server", .connectionRefused),
        (-1001, "Operation timed out after 30000 milliseconds with 0 bytes received", .timedOut),
        (-1005, "Recv failure: Connection reset by peer", .connectionLost),
    ])
    func directFailures(code: Int, text: String, expected: NetworkFailure.Kind) {
        #expect(Self.kind(code, text) == expected)
    }

    @Test func proxyFailuresNameTheProxy() {
        #expect(Self.kind(-1, "CONNECT tunnel failed, response 403", proxy: Self.proxy) == .proxyRefused)
        #expect(Self.kind(-1, "Could not resolve proxy: proxy.corp", proxy: Self.proxy) == .proxyUnreachable)
        #expect(Self.kind(-1004, "Failed to connect to 127.0.0.1 port 3128", proxy: Self.proxy) == .proxyUnreachable)
        let failure = NetworkFailure(
            kind: .proxyRefused,
            detail: "CONNECT tunnel failed, response 403",
            proxy: Self.proxy
        )
        #expect(failure.description.contains("the proxy http://127.0.0.1:3128 (from https_proxy) refused"))
    }

    @Test func permanenceFollowsWhatRetryingCanChange() {
        let permanent: [NetworkFailure.Kind] = [
            .certificateUntrusted, .certificateNameMismatch, .certificateExpired, .tlsHandshake, .hostNotFound,
            .proxyRefused,
        ]
        let transient: [NetworkFailure.Kind] = [
            .connectionRefused, .timedOut, .connectionLost, .truncatedBody, .status(503), .proxyUnreachable, .other,
        ]
        #expect(permanent.allSatisfy { NetworkFailure(kind: $0, detail: "").isPermanent })
        #expect(transient.allSatisfy { !NetworkFailure(kind: $0, detail: "").isPermanent })
    }

    @Test func proxySelectionFollowsLibcurl() {
        let environment = ProxyEnvironment([
            "https_proxy": "http://alice:s3cret@proxy.corp:3128/", "HTTP_PROXY": "http://ignored:1",
            "no_proxy": "internal.example, .corp.example",
        ])
        #expect(
            environment.proxy(scheme: "https", host: "api.telnyx.com")
                == .init(address: "http://proxy.corp:3128", variable: "https_proxy")
        )
        #expect(environment.proxy(scheme: "https", host: "internal.example") == nil)
        #expect(environment.proxy(scheme: "https", host: "a.corp.example") == nil)
        #expect(environment.proxy(scheme: "https", host: "127.0.0.1") == nil)
        #expect(environment.proxy(scheme: "https", host: "localhost") == nil)
        // Upper-case HTTP_PROXY is ignored by libcurl (a CGI safeguard).
        #expect(environment.proxy(scheme: "http", host: "api.example") == nil)
        #expect(ProxyEnvironment(["ALL_PROXY": "socks5://u:p@s:1080"]).httpsProxy?.address == "socks5://s:1080")
        #expect(ProxyEnvironment(["HTTPS_PROXY": "proxy:8080"]).httpsProxy?.address == "http://proxy:8080")
    }

    @Test func loopbackIsAddedToNoProxyOnlyWhenAProxyIsSet() {
        #expect(ProxyEnvironment([:]).noProxyWithLoopback == nil)
        #expect(ProxyEnvironment(["no_proxy": "x"]).noProxyWithLoopback == nil)
        #expect(
            ProxyEnvironment(["https_proxy": "http://p:1", "NO_PROXY": "corp.example"]).noProxyWithLoopback
                == "corp.example,localhost,127.0.0.0/8,::1"
        )
        #expect(ProxyEnvironment(["https_proxy": "http://p:1", "no_proxy": "*"]).noProxyWithLoopback == nil)
    }
}
