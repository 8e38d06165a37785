import Foundation
import Glibc
import TestSupport

/// A `socat` process on a loopback port: a TLS-terminating front before a plain-HTTP server, or a CONNECT
/// proxy (socat accepts; a small shell script reads the request line, logs it, answers, then relays).
final class SocatRelay: Sendable {
    let port: UInt16
    private let process: ChildProcess

    /// `https://…:port` terminates TLS with `certificate` and relays the plain bytes to `target`.
    static func tlsFront(to target: UInt16, certificate: String, key: String) throws -> SocatRelay {
        try SocatRelay { port in
            [
                "OPENSSL-LISTEN:\(port),bind=127.0.0.1,reuseaddr,fork,cert=\(certificate),key=\(key),verify=0",
                "TCP:127.0.0.1:\(target)",
            ]
        }
    }

    /// A plain-HTTP server that answers everything with 400, as nginx or Apache answer a TLS ClientHello.
    static func badRequestServer() throws -> SocatRelay {
        let answer = #"printf 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'"#
        return try SocatRelay { port in ["TCP-LISTEN:\(port),bind=127.0.0.1,reuseaddr,fork", "SYSTEM:\(answer)"] }
    }

    /// An HTTP proxy that answers every CONNECT with `status` and, for 200, tunnels to 127.0.0.1:`target`
    /// whatever host was asked for (so a `.test` name reaches loopback). Request heads are appended to `log`.
    static func connectProxy(to target: UInt16, status: Int, log: String) throws -> SocatRelay {
        let script = log + ".sh"
        let text = """
            #!/bin/sh
            IFS= read -r line; printf '%s\\n' "$line" | tr -d '\\r' >> '\(log)'
            while IFS= read -r header; do
                header=$(printf '%s' "$header" | tr -d '\\r'); [ -z "$header" ] && break
                printf '%s\\n' "$header" >> '\(log)'
            done
            if [ \(status) = 200 ]; then
                printf 'HTTP/1.1 200 Connection established\\r\\n\\r\\n'; exec socat - TCP:127.0.0.1:\(target)
            fi
            printf 'HTTP/1.1 \(status) Refused by policy\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n'
            """
        try text.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        return try SocatRelay { port in ["TCP-LISTEN:\(port),bind=127.0.0.1,reuseaddr,fork", "EXEC:\(script)"] }
    }

    /// Starts socat on a free port and waits until it accepts connections; retries another port if a
    /// parallel test took the one chosen.
    private init(arguments: (UInt16) -> [String]) throws {
        for _ in 0..<5 {
            let port = try Self.freePort()
            let process = try ChildProcess("/usr/bin/socat", arguments(port))
            for _ in 0..<100 where process.isRunning {
                if Self.accepts(port) {
                    self.port = port
                    self.process = process
                    return
                }
                usleep(20_000)
            }
            process.send(SIGKILL)
        }
        throw FixtureError("socat did not start listening")
    }

    deinit { process.send(SIGTERM) }

    private static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw FixtureError("no free port: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func accepts(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
