#if canImport(Glibc)
import Glibc
#endif

/// Why the server could not start listening.
public enum HTTPServerError: Error, CustomStringConvertible, Equatable {
    /// The host is not an IPv4 loopback literal; the simulator only ever listens on loopback.
    case notLoopback(host: String)
    /// A socket call failed; `operation` names it (`socket`, `bind`, …) and `errno` says why.
    case socketCallFailed(operation: String, host: String, port: UInt16, errno: Int32)

    public var description: String {
        switch self {
        case .notLoopback(let host):
            return "cannot listen on '\(host)': the simulator binds to IPv4 loopback only (127.0.0.0/8, e.g. 127.0.0.1)"
        case .socketCallFailed(let operation, let host, let port, let code):
            return "\(operation) for \(host):\(port) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
