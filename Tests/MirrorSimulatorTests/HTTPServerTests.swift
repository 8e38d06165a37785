import Foundation
import Synchronization
import Testing

@testable import MirrorSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Collects what the handler saw, across connection threads.
final class ReceivedRequests: Sendable {
    private let requests = Mutex<[HTTPRequest]>([])
    func append(_ request: HTTPRequest) { requests.withLock { $0.append(request) } }
    var all: [HTTPRequest] { requests.withLock { $0 } }
}

@Suite("HTTPServer")
struct HTTPServerTests {
    /// A server whose handler echoes the request as JSON and records it.
    private func makeEchoServer(_ received: ReceivedRequests = ReceivedRequests()) throws -> HTTPServer {
        let server = try HTTPServer { request in
            received.append(request)
            return .json([
                "method": request.method, "path": request.path, "query": request.query,
                "bodyBytes": request.body.count,
            ])
        }
        server.start()
        return server
    }

    private func rawRequest(_ target: String, method: String = "GET", extraHeaders: String = "") -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extraHeaders)\r\n"
    }

    @Test func urlSessionGetSeesDecodedPathQueryAndHeaders() async throws {
        let received = ReceivedRequests()
        let server = try makeEchoServer(received)
        defer { server.stop() }
        #expect(server.port != 0)
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")

        let url = URL(string: "\(server.baseURL)/a%20b/c?page%5Bnumber%5D=2&q=hello+world&x=1&x=3&flag")!
        var request = URLRequest(url: url)
        request.setValue("Bearer token-1", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(http.value(forHTTPHeaderField: "Content-Length") == String(data.count))
        #expect(http.value(forHTTPHeaderField: "Date")?.hasSuffix(" GMT") == true)

        let seen = try #require(received.all.first)
        #expect(seen.path == "/a b/c")
        #expect(seen.target == "/a%20b/c?page%5Bnumber%5D=2&q=hello+world&x=1&x=3&flag")
        #expect(seen.query == ["page[number]": "2", "q": "hello world", "x": "3", "flag": ""])
        #expect(seen.headers["authorization"] == "Bearer token-1")
        #expect(seen.headers["host"] == "127.0.0.1:\(server.port)")
    }

    @Test func urlSessionPostDeliversContentLengthBody() async throws {
        let received = ReceivedRequests()
        let server = try makeEchoServer(received)
        defer { server.stop() }
        var request = URLRequest(url: server.baseURL.appendingPathComponent("upload"))
        request.httpMethod = "POST"
        let payload = Data((0..<5000).map { UInt8($0 % 251) })
        request.httpBody = payload
        let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(received.all.first?.body == payload)
        #expect(received.all.first?.method == "POST")
    }

    @Test func urlSessionServesSequentialRequests() async throws {
        let server = try makeEchoServer()
        defer { server.stop() }
        let session = URLSession(configuration: .ephemeral)
        for index in 0..<5 {
            let (data, response) = try await session.data(from: server.baseURL.appendingPathComponent("n\(index)"))
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["path"] as? String == "/n\(index)")
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let received = ReceivedRequests()
        let server = try makeEchoServer(received)
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        for index in 0..<4 {
            try client.send(rawRequest("/item/\(index)"))
            let response = try client.readResponse()
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.headers["connection"] == "keep-alive")
        }
        // Two pipelined requests in one write, one with a body, are answered in order (RFC 9112 §9.3.2).
        try client.send(
            rawRequest("/p1", method: "POST", extraHeaders: "Content-Length: 3\r\n") + "abc" + rawRequest("/p2")
        )
        #expect(try client.readResponse().status == 200)
        #expect(try client.readResponse().status == 200)
        #expect(received.all.map(\.path) == ["/item/0", "/item/1", "/item/2", "/item/3", "/p1", "/p2"])
        #expect(received.all[4].body == Data("abc".utf8))
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try makeEchoServer()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/", extraHeaders: "Connection: close\r\n"))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "close")
        #expect(try client.isClosedByPeer())
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        let server = try makeEchoServer()
        defer { server.stop() }
        let plain = try LoopbackClient(port: server.port)
        try plain.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try plain.readResponse().status == 200)
        #expect(try plain.isClosedByPeer())

        let keepAlive = try LoopbackClient(port: server.port)
        try keepAlive.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try keepAlive.readResponse().headers["connection"] == "keep-alive")
        try keepAlive.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try keepAlive.readResponse().status == 200)
    }

    @Test func handlerAskingForCloseClosesAfterTheResponse() throws {
        let server = try HTTPServer { _ in HTTPResponse(status: 204, headers: [("Connection", "close")]) }
        server.start()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/"))
        let response = try client.readResponse()
        #expect(response.statusLine == "HTTP/1.1 204 No Content")
        #expect(response.headers["connection"] == "close")
        #expect(try client.isClosedByPeer())
    }

    @Test(
        "malformed requests get an error status and a closed connection",
        arguments: [
            ("garbage\r\n\r\n", 400),
            ("GET /\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),  // whitespace before the colon
            ("GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
            ("GET relative HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n", 413),
        ]
    )
    func malformedRequestIsRefused(request: String, status: Int) throws {
        let received = ReceivedRequests()
        let server = try makeEchoServer(received)
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.headers["connection"] == "close")
        #expect(!response.body.isEmpty)
        #expect(try client.isClosedByPeer())
        #expect(received.all.isEmpty)
    }

    @Test func oversizedHeadIsRefusedWith431() throws {
        let server = try makeEchoServer()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        let filler = String(repeating: "a", count: HTTPRequestParser.maximumHeadBytes + 10)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(filler)")
        #expect(try client.readResponse().status == 431)
    }

    @Test func headResponseCarriesLengthButNoBody() throws {
        let server = try HTTPServer { _ in HTTPResponse(body: Data("twelve bytes".utf8)) }
        server.start()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/", method: "HEAD", extraHeaders: "Connection: close\r\n"))
        let raw = String(decoding: try client.readToEnd(), as: UTF8.self)
        #expect(raw.contains("Content-Length: 12\r\n"))
        #expect(raw.hasSuffix("\r\n\r\n"))
    }

    @Test func expectContinueGetsAnInterimResponse() throws {
        let received = ReceivedRequests()
        let server = try makeEchoServer(received)
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/", method: "PUT", extraHeaders: "Content-Length: 4\r\nExpect: 100-continue\r\n"))
        #expect(try client.readResponse().statusLine == "HTTP/1.1 100 Continue")
        try client.send("body")
        #expect(try client.readResponse().status == 200)
        #expect(received.all.first?.body == Data("body".utf8))
    }

    @Test func delayedResponseArrivesIntact() async throws {
        let server = try HTTPServer { _ in
            HTTPResponse(body: Data("late".utf8), behavior: .delay(seconds: 0.05))
        }
        server.start()
        defer { server.stop() }
        let (data, response) = try await URLSession(configuration: .ephemeral).data(from: server.baseURL)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(data == Data("late".utf8))
    }

    @Test func truncatedBodyAnnouncesTheFullLengthThenCloses() async throws {
        let body = Data(String(repeating: "0123456789", count: 10).utf8)
        let server = try HTTPServer { _ in HTTPResponse(body: body, behavior: .truncateBody(afterBytes: 7)) }
        server.start()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/"))
        let raw = String(decoding: try client.readToEnd(), as: UTF8.self)
        #expect(raw.contains("Content-Length: 100\r\n"))
        #expect(raw.hasSuffix("\r\n\r\n0123456"))

        await #expect(throws: (any Error).self) {
            _ = try await URLSession(configuration: .ephemeral).data(from: server.baseURL)
        }
    }

    @Test func closeWithoutResponseSendsNothing() async throws {
        let server = try HTTPServer { _ in HTTPResponse(behavior: .closeWithoutResponse) }
        server.start()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/"))
        #expect(try client.isClosedByPeer())

        await #expect(throws: (any Error).self) {
            _ = try await URLSession(configuration: .ephemeral).data(from: server.baseURL)
        }
    }

    @Test func dribbledResponseArrivesIntactAndKeepsTheConnection() throws {
        let body = Data((0..<300).map { UInt8($0 % 256) })
        let server = try HTTPServer { _ in HTTPResponse(body: body, behavior: .dribble(bytesPerSecond: 20_000)) }
        server.start()
        defer { server.stop() }
        let client = try LoopbackClient(port: server.port)
        for _ in 0..<2 {
            try client.send(rawRequest("/"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body == body)
        }
    }

    @Test func stopClosesConnectedClientsAndTheListener() throws {
        let server = try makeEchoServer()
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/"))
        #expect(try client.readResponse().status == 200)  // the connection is registered and idle

        server.stop()
        #expect(try client.isClosedByPeer())
        #expect(throws: LoopbackClient.Failure.self) { try LoopbackClient(port: server.port) }
        server.stop()  // idempotent
    }

    @Test func stopInterruptsADelayedResponse() throws {
        let handlerEntered = DispatchSemaphore(value: 0)
        let server = try HTTPServer { _ in
            handlerEntered.signal()
            return HTTPResponse(behavior: .delay(seconds: 3600))
        }
        server.start()
        let client = try LoopbackClient(port: server.port)
        try client.send(rawRequest("/"))
        handlerEntered.wait()
        server.stop()
        // Without the interruptible delay this read would time out (10 s) and throw instead of seeing EOF.
        #expect(try client.isClosedByPeer())
    }

    @Test func stopBeforeStartReleasesThePort() throws {
        let server = try makeEchoServerWithoutStart()
        server.stop()
        #expect(throws: LoopbackClient.Failure.self) { try LoopbackClient(port: server.port) }
        server.start()  // after stop: does nothing
        #expect(throws: LoopbackClient.Failure.self) { try LoopbackClient(port: server.port) }
    }

    private func makeEchoServerWithoutStart() throws -> HTTPServer {
        try HTTPServer { _ in HTTPResponse() }
    }

    @Test func connectionsBeyondTheCapGet503() throws {
        let server = try makeEchoServer()
        defer { server.stop() }
        var clients: [LoopbackClient] = []
        for _ in 0..<HTTPServer.maximumConnections {
            let client = try LoopbackClient(port: server.port)
            try client.send(rawRequest("/"))
            #expect(try client.readResponse().status == 200)
            clients.append(client)
        }
        // The refusal is sent on accept, before any request is read (sending one could race the close).
        let extra = try LoopbackClient(port: server.port)
        let refused = try extra.readResponse()
        #expect(refused.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(refused.headers["retry-after"] == "1")
    }

    @Test func refusesToListenOffLoopback() {
        #expect(throws: HTTPServerError.notLoopback(host: "0.0.0.0")) {
            try HTTPServer(host: "0.0.0.0") { _ in HTTPResponse() }
        }
        #expect(throws: HTTPServerError.notLoopback(host: "localhost")) {
            try HTTPServer(host: "localhost") { _ in HTTPResponse() }
        }
    }

    @Test func bindingAPortInUseFailsWithErrno() throws {
        let first = try makeEchoServer()
        defer { first.stop() }
        #expect {
            try HTTPServer(port: first.port) { _ in HTTPResponse() }
        } throws: { error in
            guard case .socketCallFailed("bind", _, first.port, EADDRINUSE) = error as? HTTPServerError else {
                return false
            }
            return "\(error)".contains("Address already in use")
        }
    }

    @Test func jsonResponseOfAnUnserializableObjectIs500() {
        let response = HTTPResponse.json(Date())
        #expect(response.status == 500)
        #expect(String(decoding: response.body, as: UTF8.self).contains("not JSON-serializable"))
        let fine = HTTPResponse.json(["b": 1, "a": [true, NSNull()]] as [String: Any], status: 201)
        #expect(fine.status == 201)
        #expect(String(decoding: fine.body, as: UTF8.self) == #"{"a":[true,null],"b":1}"#)
    }

    @Test func dateHeaderIsIMFFixdate() {
        #expect(HTTPResponse.imfFixdate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
