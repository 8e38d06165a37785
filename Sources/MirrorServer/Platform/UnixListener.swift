import Glibc
import Synchronization

/// A listening Unix stream socket: bound here at a path, or inherited from systemd socket activation.
///
/// `accept(timeout:)` may run on one thread while `close()` is called from another: closing wakes the
/// waiting accept, which then returns nil, and the descriptor is released only after every accept in
/// progress has left, so its number cannot be reused under a running poll(2).
public final class UnixListener: Sendable {
    /// Pending-connection queue length for listen(2); the kernel caps it at `net.core.somaxconn`.
    static let backlog: Int32 = 128

    /// The socket file this listener created, identified by device and inode so `close()` never
    /// unlinks a file someone else has put at the same path since.
    struct CreatedSocketFile: Sendable {
        let path: String
        let device: dev_t
        let inode: ino_t
    }

    private struct State {
        var isClosed = false
        var acceptsInProgress = 0
    }

    /// The path the socket is bound to (`@name` for an abstract socket), nil if it has none.
    public let path: String?
    private let listeningDescriptor: Int32
    /// A socket pair whose first end becomes readable when `close()` is called; polled next to the
    /// listener so a blocked `accept` wakes without shutdown(2), which must never touch an inherited
    /// listener (systemd holds a duplicate; sd_listen_fds(3)).
    private let wakeDescriptors: (receiving: Int32, sending: Int32)
    private let createdFile: CreatedSocketFile?
    private let state = Mutex(State())

    /// Takes ownership of a listening, non-blocking, close-on-exec descriptor.
    init(listeningDescriptor: Int32, path: String?, createdFile: CreatedSocketFile?) throws(SystemError) {
        wakeDescriptors = try Posix.socketPair(type: Posix.streamType | Posix.closeOnExec | Posix.nonBlocking)
        self.listeningDescriptor = listeningDescriptor
        self.path = path
        self.createdFile = createdFile
    }

    deinit {
        close()
    }

    /// How many `accept` calls are running; lets a test close the listener under a waiting accept.
    var acceptsInProgress: Int {
        state.withLock { $0.acceptsInProgress }
    }

    /// The listening descriptor, or -1 once closed.
    public var descriptor: Int32 {
        state.withLock { $0.isClosed ? -1 : listeningDescriptor }
    }

    /// Binds and listens on a new socket file at `path`, then sets its permission bits to `mode`.
    ///
    /// The socket is created under umask 0117, so it never exists with more than 0660, not even between
    /// bind(2) and chmod(2); on Linux, connecting needs write permission on the file (unix(7)). A socket
    /// already at the path is taken over only if nothing answers on it (a stale file from a crash); a
    /// live socket, or anything that is not a socket, is an error and is left untouched.
    ///
    /// umask(2) is process-wide: a file another thread creates during the bind also gets the mask.
    public static func bind(path: String, mode: mode_t = 0o660) throws -> UnixListener {
        let address = try UnixSocketAddress(path: path)
        try removeStaleSocket(at: path, address: address)
        let descriptor = try Posix.socket(type: Posix.streamType | Posix.closeOnExec | Posix.nonBlocking)
        do {
            let previousMask = umask(0o117)
            defer { umask(previousMask) }
            try Posix.bind(descriptor, to: address)
        } catch let error where error.errno == EADDRINUSE {
            Posix.close(descriptor)
            throw UnixSocketError.addressInUse(path: path)
        } catch {
            Posix.close(descriptor)
            throw error
        }
        do {
            // chmod(2) on the path: fchmod(2) on a socket descriptor changes the socket's own inode, not
            // the file that connect(2) checks.
            try Posix.chmod(path, mode: mode)
            let status = try Posix.lstat(path)
            try Posix.listen(descriptor, backlog: backlog, detail: path)
            let file = CreatedSocketFile(path: path, device: status.st_dev, inode: status.st_ino)
            return try UnixListener(listeningDescriptor: descriptor, path: path, createdFile: file)
        } catch {
            Posix.close(descriptor)
            try? Posix.unlink(path)
            throw error
        }
    }

    /// Clears the way for bind(2): nothing at the path is fine; a socket nobody accepts on
    /// (`ECONNREFUSED`) is a leftover and is unlinked; anything else is refused.
    private static func removeStaleSocket(at path: String, address: UnixSocketAddress) throws {
        let status: stat
        do {
            status = try Posix.lstat(path)
        } catch let error where error.errno == ENOENT {
            return
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw UnixSocketError.notASocket(path: path, found: fileKind(of: status.st_mode))
        }
        let probe = try Posix.socket(type: Posix.streamType | Posix.closeOnExec | Posix.nonBlocking)
        defer { Posix.close(probe) }
        do {
            try Posix.connect(probe, to: address)
        } catch let error where error.errno == ECONNREFUSED {
            do {
                try Posix.unlink(path)
            } catch let error where error.errno == ENOENT {}
            return
        } catch let error where error.errno == ENOENT {
            return
        } catch let error where error.errno != EAGAIN {
            // EAGAIN: the backlog is full, so a live listener is there; anything else (EACCES…) says
            // nothing about liveness and is reported as it is.
            throw error
        }
        throw UnixSocketError.addressInUse(path: path)
    }

    /// "a regular file", "a directory"…: what `notASocket` found at a path or descriptor.
    static func fileKind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device node"
        default: "a file of unknown type"
        }
    }

    /// Waits up to `timeout` (forever when nil) for a client and returns its connection, non-blocking
    /// and close-on-exec (accept4(2) with `SOCK_CLOEXEC`). Nil when the timeout passes or the listener
    /// is, or gets, closed.
    public func accept(timeout: Duration?) throws -> UnixConnection? {
        let mayProceed = state.withLock { state in
            guard !state.isClosed else { return false }
            state.acceptsInProgress += 1
            return true
        }
        guard mayProceed else { return nil }
        defer { finishAccept() }

        let deadline = Deadline(after: timeout)
        while let timeout = deadline.pollTimeout() {
            var descriptors = [
                pollfd(fd: listeningDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptors.receiving, events: Int16(POLLIN), revents: 0),
            ]
            guard try Posix.poll(&descriptors, timeout: timeout) > 0 else { continue }
            if descriptors[1].revents != 0 { return nil }
            if let connection = try Posix.accept(listeningDescriptor) {
                return UnixConnection(adopting: connection)
            }
        }
        return nil
    }

    private func finishAccept() {
        let isLast = state.withLock { state in
            state.acceptsInProgress -= 1
            return state.isClosed && state.acceptsInProgress == 0
        }
        if isLast { releaseDescriptors() }
    }

    /// Stops listening: unlinks the socket file if this listener created it and it is still the same
    /// file, wakes any waiting `accept`, and closes the descriptor. An inherited listener's path is
    /// never unlinked and it is never shut down. Calling it again does nothing.
    public func close() {
        let releaseNow: Bool? = state.withLock { state in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            if state.acceptsInProgress > 0 {
                // Written under the lock so the last accept cannot release the pair before this write. The
                // result is not checked: the pair is new and empty, so one byte always fits.
                var byte: UInt8 = 1
                _ = Glibc.send(wakeDescriptors.sending, &byte, 1, Int32(MSG_NOSIGNAL))
                return false
            }
            return true
        }
        guard let releaseNow else { return }
        removeCreatedFile()
        if releaseNow { releaseDescriptors() }
    }

    private func removeCreatedFile() {
        guard let createdFile, let status = try? Posix.lstat(createdFile.path),
            status.st_dev == createdFile.device, status.st_ino == createdFile.inode
        else { return }
        try? Posix.unlink(createdFile.path)
    }

    private func releaseDescriptors() {
        Posix.close(listeningDescriptor)
        Posix.close(wakeDescriptors.receiving)
        Posix.close(wakeDescriptors.sending)
    }
}
