import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The two blocking socket calls the server needs, with EINTR and partial transfers handled (send(2), recv(2)).
enum POSIXSocket {
    /// Sends every byte; false when the peer is gone or the send timed out. MSG_NOSIGNAL keeps a closed peer
    /// from raising SIGPIPE and killing the process (send(2)).
    static func sendAll(_ socket: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let sent = send(socket, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Appends what one recv(2) returns to `buffer`; false on end of stream, error or idle timeout.
    static func receive(_ socket: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
