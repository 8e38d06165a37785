import Foundation

/// Serves the requests of one accepted connection, in order, until either side closes (RFC 9112 §9).
struct HTTPConnection: Sendable {
    let socket: Int32
    let server: HTTPServer

    private static let headTerminator: [UInt8] = Array("\r\n\r\n".utf8)

    func run() {
        defer { server.closeConnection(socket) }
        var buffer: [UInt8] = []
        while !server.isStopped {
            guard let headEnd = readHead(into: &buffer) else { return }
            let head: HTTPRequestParser.Head
            let bodyLength: Int
            do {
                head = try HTTPRequestParser.parseHead(buffer[..<headEnd])
                bodyLength = try HTTPRequestParser.bodyLength(of: head)
            } catch {
                sendError(error)
                return
            }
            let bodyStart = headEnd + Self.headTerminator.count
            if bodyLength > 0, buffer.count - bodyStart < bodyLength,
                head.headers["expect"]?.lowercased() == "100-continue"
            {
                // RFC 9110 §10.1.1: a client waiting for 100 (libcurl does, for large bodies) would otherwise stall.
                guard POSIXSocket.sendAll(socket, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
            }
            while buffer.count - bodyStart < bodyLength {
                guard POSIXSocket.receive(socket, into: &buffer) else { return }
            }
            let body = Data(buffer[bodyStart..<(bodyStart + bodyLength)])
            buffer.removeFirst(bodyStart + bodyLength)
            let request = HTTPRequest(
                method: head.method,
                target: head.target,
                path: head.path,
                query: head.query,
                headers: head.headers,
                body: body
            )
            let response = server.handle(request)
            let keepAlive = head.wantsKeepAlive && !response.asksToClose
            guard write(response, keepAlive: keepAlive, omitBody: head.method == "HEAD"), keepAlive else { return }
        }
    }

    /// Reads until the buffer holds a complete head; returns the offset of its CRLF CRLF, or nil to close.
    private func readHead(into buffer: inout [UInt8]) -> Int? {
        var searchFrom = 0
        while true {
            if let end = Self.find(Self.headTerminator, in: buffer, from: searchFrom) { return end }
            if buffer.count > HTTPRequestParser.maximumHeadBytes {
                sendError(
                    HTTPRequestParseError(
                        status: 431,
                        reason: "request head exceeds \(HTTPRequestParser.maximumHeadBytes) bytes"
                    )
                )
                return nil
            }
            searchFrom = max(0, buffer.count - Self.headTerminator.count + 1)
            guard POSIXSocket.receive(socket, into: &buffer) else { return nil }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    private func sendError(_ error: HTTPRequestParseError) {
        let response = HTTPResponse(
            status: error.status,
            headers: [("Content-Type", "text/plain; charset=utf-8")],
            body: Data((error.reason + "\n").utf8)
        )
        _ = write(response, keepAlive: false, omitBody: false)
    }

    /// Puts the response on the wire as its behavior says; returns false when the connection must close.
    private func write(_ response: HTTPResponse, keepAlive: Bool, omitBody: Bool) -> Bool {
        let head = response.wireHead(keepAlive: keepAlive)
        let body = omitBody ? Data() : response.body
        switch response.behavior {
        case .normal:
            return POSIXSocket.sendAll(socket, head + body)
        case .delay(let seconds):
            return server.sleepUnlessStopped(seconds) && POSIXSocket.sendAll(socket, head + body)
        case .truncateBody(let afterBytes):
            _ = POSIXSocket.sendAll(socket, head + body.prefix(max(0, afterBytes)))
            return false
        case .closeWithoutResponse:
            return false
        case .dribble(let bytesPerSecond):
            let wire = head + body
            let rate = max(1, bytesPerSecond)
            let chunkSize = max(1, rate / 20)
            var offset = wire.startIndex
            while offset < wire.endIndex {
                let end = min(offset + chunkSize, wire.endIndex)
                guard POSIXSocket.sendAll(socket, wire[offset..<end]) else { return false }
                offset = end
                if offset < wire.endIndex, !server.sleepUnlessStopped(Double(chunkSize) / Double(rate)) {
                    return false
                }
            }
            return true
        }
    }
}
