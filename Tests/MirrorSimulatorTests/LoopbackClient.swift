import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP client for tests that need to see the bytes: keep-alive, pipelining, truncation, malformed input.
final class LoopbackClient {
    struct Response {
        let statusLine: String
        let headers: [String: String]
        let body: Data
        var status: Int { Int(statusLine.split(separator: " ")[1]) ?? -1 }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let socket: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:port; reads time out after 10 s so a broken server fails the test instead of hanging.
    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(socket)
            throw Failure(description: "connect to port \(port) failed: errno \(code)")
        }
    }

    deinit {
        close(socket)
    }

    func send(_ text: String) throws {
        try send(Data(text.utf8))
    }

    func send(_ data: Data) throws {
        let sent = data.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == data.count else { throw Failure(description: "send wrote \(sent) of \(data.count) bytes") }
    }

    /// Reads one response framed by its Content-Length.
    func readResponse() throws -> Response {
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.indices.dropLast(3).first { buffer[$0..<($0 + 4)].elementsEqual(terminator) }
            if headEnd == nil, try !fill() { throw Failure(description: "connection closed before a full head") }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd! + 4
        while buffer.count < bodyStart + length {
            if try !fill() {
                throw Failure(
                    description: "connection closed after \(buffer.count - bodyStart) of \(length) body bytes"
                )
            }
        }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return Response(statusLine: head[0], headers: headers, body: body)
    }

    /// Reads until the server closes; returns everything not yet consumed.
    func readToEnd() throws -> Data {
        while try fill() {}
        defer { buffer.removeAll() }
        return Data(buffer)
    }

    /// True when the server has closed the connection (and sent nothing more).
    func isClosedByPeer() throws -> Bool {
        try readToEnd().isEmpty
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET { return false }
            throw Failure(description: "recv failed or timed out: errno \(errno)")
        }
        buffer.append(contentsOf: chunk[..<count])
        return count > 0
    }
}
