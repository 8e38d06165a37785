import Foundation
import Glibc

/// systemd socket activation, without libsystemd (sd_listen_fds(3)).
extension UnixListener {
    /// The variables systemd sets for an activated service.
    static let activationVariables = ["LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"]

    /// The listener systemd passed in, or nil when the service was not socket-activated.
    ///
    /// Follows sd_listen_fds(3): the variables count only when `LISTEN_PID` is this process (they may
    /// have been inherited from a parent), descriptors start at 3 (`SD_LISTEN_FDS_START`), and each
    /// gets `FD_CLOEXEC`. The daemon serves exactly one socket, so it must be a listening `AF_UNIX`
    /// stream socket and there must be one. Call `clearActivationEnvironment()` afterwards so that
    /// child processes do not see the variables.
    public static func inherited(
        environment: [String: String],
        currentPID: pid_t = getpid(),
        firstDescriptor: Int32 = 3
    ) throws -> UnixListener? {
        guard let pidText = environment["LISTEN_PID"] else { return nil }
        guard let pid = pid_t(pidText), pid > 0 else {
            throw UnixSocketError.invalidActivationVariable(name: "LISTEN_PID", value: pidText, expected: "a pid")
        }
        guard pid == currentPID, let countText = environment["LISTEN_FDS"] else { return nil }
        guard let count = Int(countText), count >= 0 else {
            throw UnixSocketError.invalidActivationVariable(
                name: "LISTEN_FDS",
                value: countText,
                expected: "a descriptor count"
            )
        }
        guard count > 0 else { return nil }
        guard count == 1 else {
            throw UnixSocketError.invalidActivationVariable(
                name: "LISTEN_FDS",
                value: countText,
                expected: "1 (the daemon serves exactly one socket)"
            )
        }
        let descriptor = firstDescriptor
        try requireListeningUnixStream(descriptor)
        let descriptorFlags = try Posix.fcntl(descriptor, F_GETFD)
        _ = try Posix.fcntl(descriptor, F_SETFD, descriptorFlags | FD_CLOEXEC)
        let statusFlags = try Posix.fcntl(descriptor, F_GETFL)
        _ = try Posix.fcntl(descriptor, F_SETFL, statusFlags | O_NONBLOCK)
        let address = try Posix.localAddress(of: descriptor)
        return try UnixListener(listeningDescriptor: descriptor, path: address?.description, createdFile: nil)
    }

    /// Unsets `LISTEN_FDS`, `LISTEN_PID` and `LISTEN_FDNAMES` (sd_listen_fds(3), `unset_environment`).
    /// setenv/unsetenv are not thread-safe: call this at start-up, before other threads read the
    /// environment.
    public static func clearActivationEnvironment() {
        for name in activationVariables {
            unsetenv(name)
        }
    }

    /// The checks of sd_is_socket_unix(3): a socket, of family `AF_UNIX`, of type `SOCK_STREAM`, listening.
    private static func requireListeningUnixStream(_ descriptor: Int32) throws {
        let status = try Posix.fstat(descriptor)
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw UnixSocketError.unusableInheritedDescriptor(
                descriptor: descriptor,
                reason: "it is \(fileKind(of: status.st_mode))"
            )
        }
        let family = try Posix.getsockopt(descriptor, SOL_SOCKET, SO_DOMAIN, as: Int32.self)
        guard family == AF_UNIX else {
            throw UnixSocketError.unusableInheritedDescriptor(
                descriptor: descriptor,
                reason: "its address family is \(family), not AF_UNIX (\(AF_UNIX))"
            )
        }
        let type = try Posix.getsockopt(descriptor, SOL_SOCKET, SO_TYPE, as: Int32.self)
        guard type == Posix.streamType else {
            throw UnixSocketError.unusableInheritedDescriptor(
                descriptor: descriptor,
                reason: "its socket type is \(type), not SOCK_STREAM (\(Posix.streamType))"
            )
        }
        let listening = try Posix.getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, as: Int32.self)
        guard listening != 0 else {
            throw UnixSocketError.unusableInheritedDescriptor(descriptor: descriptor, reason: "it is not listening")
        }
    }
}
