import Foundation
import Glibc
import Synchronization

/// A loopback server whose 200 response has no `Content-Length` and never ends: it writes JSON-looking
/// bytes until the client hangs up. The simulator's server always sends a length, so it cannot play this.
final class EndlessBodyServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let sent = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    /// Bytes written so far, across connections.
    var bytesSent: Int { sent.load(ordering: .relaxed) }
    var url: URL { URL(string: "http://127.0.0.1:\(port)/endless")! }

    init() throws {
        let reserved = try ReservedPort()
        guard listen(reserved.descriptor, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        listener = reserved.descriptor
        port = reserved.port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while !stopped.load(ordering: .relaxed) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &request, request.count, 0)
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
            let chunk = Array(String(repeating: #"{"id":"x"},"#, count: 6000).utf8)
            var ok = send(head, head.utf8.count)
            while ok, !stopped.load(ordering: .relaxed) {
                ok = chunk.withUnsafeBytes { send($0.baseAddress!, $0.count) }
            }
            close(connection)

            func send(_ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
                let written = Glibc.send(connection, bytes, count, Int32(MSG_NOSIGNAL))
                if written > 0 { sent.add(written, ordering: .relaxed) }
                return written == count
            }
        }
    }
}
