/// Why a Unix socket could not be set up, for the cases that are not a single failed system call.
public enum UnixSocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path or abstract name does not fit in `sun_path` (unix(7)); it is never truncated, because a
    /// truncated path names a different socket.
    case addressTooLong(address: String, byteCount: Int, limit: Int)
    /// The path is empty or holds a NUL byte, so it cannot be a socket path.
    case invalidAddress(address: String, reason: String)
    /// A live socket already answers at the path.
    case addressInUse(path: String)
    /// Something other than a socket sits at the path; it is left alone.
    case notASocket(path: String, found: String)
    /// A socket-activation variable (sd_listen_fds(3)) holds something unusable.
    case invalidActivationVariable(name: String, value: String, expected: String)
    /// The descriptor handed over by systemd is not what the daemon can serve on.
    case unusableInheritedDescriptor(descriptor: Int32, reason: String)

    public var description: String {
        switch self {
        case .addressTooLong(let address, let byteCount, let limit):
            "socket address \(address) is \(byteCount) bytes; sun_path holds at most \(limit) (unix(7)); "
                + "choose a shorter path"
        case .invalidAddress(let address, let reason):
            "socket address \(address.debugDescription) is invalid: \(reason)"
        case .addressInUse(let path):
            "another process is listening on \(path); stop it or choose another socket path"
        case .notASocket(let path, let found):
            "\(path) is \(found), not a socket; it was left untouched; remove it or choose another socket path"
        case .invalidActivationVariable(let name, let value, let expected):
            "\(name)=\(value.debugDescription) from systemd socket activation is not \(expected) (sd_listen_fds(3))"
        case .unusableInheritedDescriptor(let descriptor, let reason):
            "descriptor \(descriptor) passed by systemd socket activation is not a listening AF_UNIX stream "
                + "socket: \(reason); the .socket unit needs one ListenStream= with a path"
        }
    }
}
