import Glibc

/// A failed system call: which call, on what, and the `errno` it left.
///
/// `errno` is read by `Posix` immediately after the call returns, before anything else can overwrite
/// it (the swift-nio `NIOPosix/System.swift` pattern), so the code here is the one the call set.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call, e.g. `bind`.
    public let call: String
    /// The `errno` value it set, e.g. `EADDRINUSE`.
    public let errno: Int32
    /// What it acted on, e.g. the socket path; nil when there is nothing useful to name.
    public let detail: String?

    public init(call: String, errno: Int32, detail: String? = nil) {
        self.call = call
        self.errno = errno
        self.detail = detail
    }

    /// `bind(/run/x.sock): Address already in use (errno 98)`.
    public var description: String {
        let subject = detail.map { "\(call)(\($0))" } ?? call
        return "\(subject): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
