import Foundation
import Testing

@testable import MirrorProviders

@Suite("URLPolicy")
struct HTTPURLPolicyTests {
    @Test(
        "https anywhere and http to loopback are allowed",
        arguments: [
            "https://api.telnyx.com/v2/ai/assistants", "https://api.useinvent.com:8443/orgs/c/assistants?page=2",
            "http://127.0.0.1:8080/api", "http://127.255.3.9/", "http://localhost:9000", "http://LOCALHOST",
            "http://[::1]:8080/x", "HTTPS://API.PURETALK.AI/api",
        ]
    )
    func allowed(url: String) throws {
        try URLPolicy.validate(try #require(URL(string: url)))
    }

    @Test(
        "plain http off loopback, other schemes, user-info and hostless URLs are refused",
        arguments: [
            "http://api.telnyx.com/v2", "http://128.0.0.1/", "http://10.0.0.1/", "http://127.0.0.1.evil.example/",
            "http://127.0.0.256/", "http://127.0.0/", "http://[::2]/", "http://localhost.evil.example/",
            "ftp://127.0.0.1/", "file:///etc/passwd", "https:///no-host", "https://user:hunter2@api.telnyx.com/",
            "https://token@api.telnyx.com/",
        ]
    )
    func refused(url: String) throws {
        let error = #expect(throws: HTTPError.self) { try URLPolicy.validate(try #require(URL(string: url))) }
        guard case .insecureURL(let shown, let reason) = error else {
            Issue.record("expected insecureURL, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!shown.contains("hunter2") && !shown.contains("token@"))
        #expect(!String(describing: error!).contains("hunter2"))
    }

    @Test("redaction drops user-info and keeps path and query")
    func redaction() throws {
        let url = try #require(URL(string: "https://alice:s3cret@api.example.com:8443/v2/items?page%5Bnumber%5D=2&x=1"))
        let shown = URLPolicy.redactedDescription(url)
        #expect(shown == "https://api.example.com:8443/v2/items?page%5Bnumber%5D=2&x=1")
    }

    @Test("origins compare scheme, host and port, with default ports made explicit")
    func origins() throws {
        func origin(_ text: String) throws -> Origin {
            try #require(URL(string: text).flatMap(Origin.init))
        }
        let plain = try origin("https://API.example.com/a")
        let explicitPort = try origin("https://api.example.com:443/b")
        let otherPort = try origin("https://api.example.com:8443/a")
        let downgraded = try origin("http://api.example.com:443/a")
        #expect(URL(string: "mailto:someone@example.com").flatMap(Origin.init) == nil)
        #expect(plain == explicitPort)
        #expect(plain != otherPort)
        #expect(plain != downgraded)
        #expect(plain.description == "https://api.example.com:443")
    }
}
