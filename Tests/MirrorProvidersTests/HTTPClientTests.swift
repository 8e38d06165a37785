import Foundation
import MirrorCore
import MirrorSimulator
import Synchronization
import Testing

@testable import MirrorProviders

/// The client against the simulator's real HTTP server on loopback. Waits between attempts go through a
/// `ManualClock`, so the tests see exactly what the client would have slept without sleeping.
@Suite("HTTPClient over loopback")
struct HTTPClientTests {
    static let apiKey = "sk-live-4f1c9a7e2b"
    static let keyHeader = ["X-API-KEY": apiKey]

    let clock = ManualClock()

    func makeClient(
        maxAttempts: Int = 6,
        attemptDeadline: Duration = .seconds(60),
        maxBodyBytes: Int = 1 << 20,
        logger: Logger = .silent()
    ) -> HTTPClient {
        HTTPClient(
            configuration: .init(
                attemptDeadline: attemptDeadline,
                maxAttempts: maxAttempts,
                maxBodyBytes: maxBodyBytes,
                sleep: clock.sleep,
                now: clock.now
            ),
            logger: logger
        )
    }

    // MARK: Retries

    @Test("500, 500, 200: success on the third attempt after two jittered waits")
    func retriesServerErrors() async throws {
        let server = try ScriptedServer([
            StubResponse(status: 500), StubResponse(status: 500), .json(["ok": true]),
        ])
        let response = try await makeClient().get(server.url("/assistants"), headers: Self.keyHeader)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(server.received.count == 3)
        let waits = clock.waits
        #expect(waits.count == 2)
        #expect(waits.count == 2 && waits[0] <= .seconds(1) && waits[1] <= .seconds(2))
        #expect(waits.allSatisfy { $0 >= .zero })
    }

    @Test("429 with Retry-After: 7 waits exactly 7 s")
    func honoursRetryAfterSeconds() async throws {
        let server = try ScriptedServer([
            StubResponse(status: 429, headers: [("Retry-After", "7")]), .json(["ok": true]),
        ])
        let response = try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        #expect(response.status == 200)
        #expect(clock.waits == [.seconds(7)])
    }

    @Test("an HTTP-date Retry-After is honoured: one already past against the server's Date means no wait")
    func honoursRetryAfterDate() async throws {
        let server = try ScriptedServer([
            StubResponse(status: 503, headers: [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")]),
            .json(["ok": true]),
        ])
        _ = try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits == [.zero])
    }

    @Test("an absurd Retry-After is clamped to the 15-minute ceiling")
    func clampsAbsurdRetryAfter() async throws {
        let server = try ScriptedServer([
            StubResponse(status: 429, headers: [("Retry-After", "99999999999")]), .json(["ok": true]),
        ])
        _ = try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits == [.seconds(15 * 60)])
    }

    @Test("a 429 without Retry-After but with a spent x-ratelimit budget waits for the reset (Telnyx)")
    func telnyxRateLimitReset() async throws {
        let server = try ScriptedServer([
            StubResponse(
                status: 429,
                headers: [("x-ratelimit-limit", "100"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "5")]
            ),
            .json(["ok": true]),
        ])
        _ = try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits == [.seconds(5)])
    }

    @Test("404 and 401 are returned after exactly one attempt", arguments: [404, 401, 403, 422])
    func returnsClientErrors(status: Int) async throws {
        let server = try ScriptedServer([.json(["error": "nope"], status: status, headers: [("X-Request-Id", "r1")])])
        let response = try await makeClient().get(server.url("/assistants/gone"), headers: Self.keyHeader)
        #expect(response.status == status)
        #expect(response.header("x-request-id") == "r1" && response.header("X-REQUEST-ID") == "r1")
        #expect(server.received.count == 1)
        #expect(clock.waits.isEmpty)
    }

    @Test("a persistent 503 gives up after maxAttempts (the policy's override wins) with the last status")
    func exhaustsRetries() async throws {
        let server = try ScriptedServer([StubResponse(status: 503)])
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient().get(server.url("/a"), headers: Self.keyHeader, policy: RequestPolicy(maxAttempts: 3))
        }
        guard case .retriesExhausted(_, let lastStatus, let attempts, _) = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect(lastStatus == 503 && attempts == 3)
        #expect(server.received.count == 3)
        #expect(clock.waits.count == 2)
    }

    @Test("a dropped connection is retried as a transport failure")
    func retriesDroppedConnection() async throws {
        let server = try ScriptedServer([
            StubResponse(behavior: .closeWithoutResponse), .json(["ok": true]),
        ])
        let response = try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        #expect(response.status == 200)
        #expect(server.received.count == 2)
        #expect(clock.waits.count == 1)
    }

    @Test("a refused connection is retried, then reported with no status")
    func refusedConnection() async throws {
        // A port that is bound but not listening refuses connections, and stays ours for the test: a
        // stopped server's port could be taken by another test's server running in parallel.
        let reserved = try ReservedPort()
        defer { reserved.close() }
        let url = URL(string: "http://127.0.0.1:\(reserved.port)/a")!
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient(maxAttempts: 2).get(url, headers: Self.keyHeader)
        }
        guard case .retriesExhausted(_, let lastStatus, let attempts, let lastFailure) = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect(lastStatus == nil && attempts == 2 && lastFailure.kind == .connectionRefused)
    }

    @Test("a truncated body is retried, then reported as a failure without a status")
    func truncatedBody() async throws {
        let body = Data(String(repeating: "x", count: 2000).utf8)
        let server = try ScriptedServer([StubResponse(body: body, behavior: .truncateBody(afterBytes: 100))])
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient(maxAttempts: 3).get(server.url("/a"), headers: Self.keyHeader)
        }
        guard case .retriesExhausted(_, let lastStatus, let attempts, _) = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect(lastStatus == nil && attempts == 3)
        #expect(server.received.count == 3)
    }

    // MARK: Limits

    @Test("a body over the cap is refused with bodyTooLarge after one attempt")
    func bodyTooLarge() async throws {
        let server = try ScriptedServer([StubResponse(body: Data(count: 4096))])
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient(maxBodyBytes: 1024).get(server.url("/a"), headers: Self.keyHeader)
        }
        #expect(error == .bodyTooLarge(url: server.url("/a").absoluteString, limit: 1024))
        #expect(server.received.count == 1)
    }

    @Test("a body exactly at the cap is accepted")
    func bodyAtCap() async throws {
        let server = try ScriptedServer([StubResponse(body: Data(count: 1024))])
        let response = try await makeClient(maxBodyBytes: 1024).get(server.url("/a"), headers: Self.keyHeader)
        #expect(response.body.count == 1024)
    }

    @Test("a response slower than the attempt deadline fails with deadlineExceeded")
    func attemptDeadline() async throws {
        let server = try ScriptedServer([StubResponse(body: Data("late".utf8), behavior: .delay(seconds: 10))])
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient(attemptDeadline: .seconds(1)).get(server.url("/slow"), headers: Self.keyHeader)
        }
        guard case .deadlineExceeded = error else {
            Issue.record("expected deadlineExceeded, got \(String(describing: error))")
            return
        }
    }

    @Test("cancelling the calling task surfaces as CancellationError, not as a transport failure")
    func cancellation() async throws {
        let server = try ScriptedServer([StubResponse(behavior: .delay(seconds: 30))])
        defer { server.stop() }
        let client = makeClient()
        let url = server.url("/slow")
        let request = Task { try await client.get(url, headers: Self.keyHeader) }
        for _ in 0..<1000 where server.received.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        request.cancel()
        await #expect(throws: CancellationError.self) { try await request.value }
        #expect(clock.waits.isEmpty)
    }

    @Test("a spent x-ratelimit budget makes the next request to that origin, and only that one, wait for the reset")
    func rateLimitPause() async throws {
        let limited = try ScriptedServer([
            .json(["page": 1], headers: [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "3")]),
            .json(["page": 2]),
        ])
        let other = try ScriptedServer([.json(["ok": true])])
        let client = makeClient()
        _ = try await client.get(limited.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits.isEmpty)
        _ = try await client.get(other.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits.isEmpty)
        _ = try await client.get(limited.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits == [.seconds(3)])
        _ = try await client.get(limited.url("/a"), headers: Self.keyHeader)
        #expect(clock.waits == [.seconds(3)])
    }

    @Test("every attempt, retries included, draws on the policy's rate limiter")
    func policyRateLimiter() async throws {
        let server = try ScriptedServer([StubResponse(status: 502), .json(["ok": true])])
        let limiterClock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: 1, now: limiterClock.now, sleep: limiterClock.sleep)
        _ = try await makeClient().get(server.url("/a"), headers: [:], policy: RequestPolicy(rateLimiter: limiter))
        #expect(limiterClock.waits == [.seconds(60)])
    }

    // MARK: Redirects and secrets

    @Test("a same-origin redirect is followed with the headers intact")
    func sameOriginRedirect() async throws {
        let server = try ScriptedServer { request, _ in
            request.path == "/old"
                ? StubResponse(status: 302, headers: [("Location", "/new?page=2")]) : .json(["ok": true])
        }
        let response = try await makeClient().get(server.url("/old"), headers: Self.keyHeader)
        #expect(response.status == 200)
        #expect(response.url.path == "/new")
        let paths = server.received.map(\.path)
        #expect(paths == ["/old", "/new"])
        #expect(server.received.last?.headers["x-api-key"] == Self.apiKey)
        #expect(server.received.last?.query == ["page": "2"])
    }

    @Test("a cross-origin redirect is refused and the other server never sees the key")
    func crossOriginRedirect() async throws {
        let attacker = try ScriptedServer([.json(["stolen": true])])
        let target = attacker.url("/collect").absoluteString
        let server = try ScriptedServer([StubResponse(status: 302, headers: [("Location", target)])])
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient().get(server.url("/a"), headers: Self.keyHeader)
        }
        let attackerOrigin = "http://127.0.0.1:\(attacker.baseURL.port!)"
        #expect(error == .redirectRefused(url: server.url("/a").absoluteString, toOrigin: attackerOrigin))
        #expect(attacker.received.isEmpty)
        #expect(server.received.count == 1)
    }

    @Test("insecure URLs are refused before any request")
    func insecureURL() async throws {
        let error = await #expect(throws: HTTPError.self) {
            try await makeClient().get(URL(string: "http://api.telnyx.com/v2/ai/assistants")!, headers: Self.keyHeader)
        }
        guard case .insecureURL = error else {
            Issue.record("expected insecureURL, got \(String(describing: error))")
            return
        }
    }

    @Test("logs record every attempt but never a header value, and errors never carry one")
    func secretsStayOutOfLogs() async throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "http", level: .debug) { line in lines.withLock { $0.append(line) } }
        let attacker = try ScriptedServer([.json([:])])
        let server = try ScriptedServer { request, index in
            switch index {
            case 0: StubResponse(status: 503)
            case 1: .json(["ok": true])
            default: StubResponse(status: 302, headers: [("Location", attacker.url("/x").absoluteString)])
            }
        }
        let client = makeClient(logger: logger)
        _ = try await client.get(server.url("/a"), headers: ["Authorization": "Bearer \(Self.apiKey)"])
        let error = await #expect(throws: HTTPError.self) {
            try await client.get(server.url("/b"), headers: ["Authorization": "Bearer \(Self.apiKey)"])
        }
        let logged = lines.withLock { $0 }
        #expect(logged.contains { $0.hasPrefix("<7>") && $0.contains("attempt=1") && $0.contains("status=503") })
        #expect(logged.contains { $0.hasPrefix("<5>") && $0.contains("HTTP retry") })
        #expect(!logged.contains { $0.contains(Self.apiKey) })
        #expect(!String(describing: error!).contains(Self.apiKey))
    }
}
