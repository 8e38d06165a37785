import Foundation
import MirrorCore
import Testing

@testable import MirrorProviders

/// Provider bodies that never end, against real loopback servers: a response that never answers, one
/// that trickles a byte a second, one that never stops. Each is cut by `[mirror] request-timeout` or
/// `[mirror] max-response-size` within about one request's time, with a message naming the limit.
@Suite("HTTP request limits")
struct HTTPLimitTests {
    func makeClient(requestTimeout: Duration, maxResponseSize: Int = 1 << 20) -> HTTPClient {
        var mirror = MirrorConfiguration(database: "/unused", socket: "/unused")
        mirror.requestTimeout = requestTimeout
        mirror.maxResponseSize = maxResponseSize
        var settings = HTTPClient.Configuration(mirror: mirror)
        settings.sleep = { _ in }
        return HTTPClient(configuration: settings, logger: .silent())
    }

    /// The failure of `get`, and how long it took.
    func failure(of client: HTTPClient, _ url: URL) async -> (error: HTTPError?, elapsed: Duration) {
        let start = ContinuousClock.now
        do {
            _ = try await client.get(url, headers: [:])
            return (nil, ContinuousClock.now - start)
        } catch {
            return (error as? HTTPError, ContinuousClock.now - start)
        }
    }

    @Test("a server that never answers is cut at the request-timeout, once, and the message names the key")
    func neverAnswers() async throws {
        let server = try ScriptedServer([StubResponse(body: Data("{}".utf8), behavior: .delay(seconds: 60))])
        defer { server.stop() }
        let (error, elapsed) = await failure(of: makeClient(requestTimeout: .seconds(2)), server.url("/a"))
        #expect(error == .deadlineExceeded(url: server.url("/a").absoluteString, deadline: .seconds(2)))
        #expect(String(describing: error).contains("request-timeout of 2s ([mirror] request-timeout)"))
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(30))
        #expect(server.received.count == 1)
    }

    @Test("a body trickling one byte a second never trips the idle timeout, but the request-timeout cuts it")
    func tricklingBody() async throws {
        let body = Data(String(repeating: "x", count: 500).utf8)
        let server = try ScriptedServer([StubResponse(body: body, behavior: .dribble(bytesPerSecond: 1))])
        defer { server.stop() }
        let (error, elapsed) = await failure(of: makeClient(requestTimeout: .seconds(3)), server.url("/a"))
        guard case .deadlineExceeded(_, let deadline) = error else {
            Issue.record("expected deadlineExceeded, got \(String(describing: error))")
            return
        }
        #expect(deadline == .seconds(3))
        #expect(elapsed >= .seconds(3) && elapsed < .seconds(30))
    }

    @Test("a body that never stops is cut at max-response-size and its connection closed")
    func endlessBody() async throws {
        let server = try EndlessBodyServer()
        defer { server.stop() }
        let client = makeClient(requestTimeout: .seconds(60), maxResponseSize: 1 << 20)
        let (error, elapsed) = await failure(of: client, server.url)
        #expect(error == .bodyTooLarge(url: server.url.absoluteString, limit: 1 << 20))
        #expect(String(describing: error).contains("max-response-size of 1MiB ([mirror] max-response-size)"))
        #expect(elapsed < .seconds(30), "took \(elapsed)")
        // The connection is closed, not drained: once the client has returned, the server's writes stop.
        // (libcurl reads ahead while the cancellation travels through Foundation's queues, tens of MB on
        // loopback, which the delegate discards as it arrives.)
        try await Task.sleep(for: .milliseconds(500))
        let settled = server.bytesSent
        try await Task.sleep(for: .seconds(1))
        #expect(server.bytesSent == settled)
    }

    @Test("the defaults are request-timeout 2m and max-response-size 256MiB")
    func defaults() {
        let settings = HTTPClient.Configuration(mirror: MirrorConfiguration(database: "/d", socket: "/s"))
        #expect(settings.attemptDeadline == .seconds(120))
        #expect(settings.maxBodyBytes == 256 << 20)
        #expect(HTTPClient.Configuration().maxBodyBytes == 256 << 20)
    }
}
