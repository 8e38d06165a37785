import Foundation
import Glibc

/// One connected Unix stream socket: newline-framed reads and deadline-bound writes.
///
/// The descriptor is non-blocking and every wait goes through poll(2) against a deadline, so no call
/// blocks past its timeout. It is `@unchecked Sendable` so that it can be handed from the accepting
/// thread to the one serving it, but it has **one owner at a time**: calls on one connection must not
/// run concurrently (the read buffer is not locked).
public final class UnixConnection: @unchecked Sendable {
    /// How much one read(2) asks for; the read buffer never exceeds `maxBytes` plus this.
    static let readChunkSize = 16 * 1024

    private var descriptor: Int32
    /// Bytes read but not yet returned as a line.
    private var buffer: [UInt8] = []
    /// How many leading bytes of `buffer` are known to hold no `\n`, so a peer sending one byte at a
    /// time does not make every read rescan the whole buffer.
    private var scannedCount = 0

    /// Takes ownership of a connected, non-blocking, close-on-exec stream socket.
    init(adopting descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    /// Connects to the Unix socket at `path` (the CLI's side). Waits at most `timeout` for room in the
    /// listener's backlog; a refused or missing socket fails at once.
    public static func connect(path: String, timeout: Duration) throws -> UnixConnection {
        let address = try UnixSocketAddress(path: path)
        let descriptor = try Posix.socket(type: Posix.streamType | Posix.closeOnExec)
        do {
            // A blocking connect(2) on a Unix socket waits for backlog room up to SO_SNDTIMEO (unix(7)).
            try Posix.setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, socketTimeout(timeout))
            try Posix.connect(descriptor, to: address)
            let flags = try Posix.fcntl(descriptor, F_GETFL)
            _ = try Posix.fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        } catch {
            Posix.close(descriptor)
            // The timed-out wait for backlog room ends in EAGAIN, which would read as "try again".
            let timedOut = error.call == "connect" && error.errno == EAGAIN
            throw timedOut ? SystemError(call: "connect", errno: ETIMEDOUT, detail: path) : error
        }
        return UnixConnection(adopting: descriptor)
    }

    /// Returns the next `\n`-terminated line, without the `\n`.
    ///
    /// `timeout` bounds the whole line, however the peer spreads its bytes. The length limit is checked
    /// before the buffer grows, so a peer flooding bytes without a newline costs at most `maxBytes` plus
    /// one read chunk of memory.
    public func readLine(maxBytes: Int, timeout: Duration) throws -> LineReadResult {
        let descriptor = try openDescriptor(for: "read")
        let deadline = Deadline(after: timeout)
        while true {
            if let newline = firstNewline() {
                guard newline <= maxBytes else { return .tooLong }
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                scannedCount = 0
                return .line(line)
            }
            scannedCount = buffer.count
            guard buffer.count <= maxBytes else { return .tooLong }
            guard try Posix.wait(for: Int16(POLLIN), on: descriptor, before: deadline) else { return .timedOut }
            guard try readChunk(from: descriptor) else { return .endOfStream }
        }
    }

    /// The offset of the first `\n` past the bytes already scanned, found with memchr(3): a reply of a
    /// page of rows is tens of kilobytes, which a loop over the bytes one at a time showed in profiles.
    private func firstNewline() -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard scannedCount < bytes.count, let start = bytes.baseAddress else { return nil }
            guard let found = memchr(start + scannedCount, 0x0A, bytes.count - scannedCount) else { return nil }
            return start.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Appends what one read(2) returns to the buffer; false at end of stream.
    private func readChunk(from descriptor: Int32) throws -> Bool {
        try withUnsafeTemporaryAllocation(byteCount: Self.readChunkSize, alignment: 1) { chunk in
            // nil: poll(2) reported readiness but the bytes were not there after all; poll again.
            guard let count = try Posix.read(descriptor, into: chunk) else { return true }
            buffer.append(contentsOf: chunk.prefix(count))
            return count > 0
        }
    }

    /// Sends all of `data` before `timeout` passes, or throws. A peer that has gone gives `EPIPE` (or
    /// `ECONNRESET`), never SIGPIPE; a peer that stops reading gives `ETIMEDOUT` at the deadline.
    public func write(_ data: some ContiguousBytes, timeout: Duration) throws {
        let descriptor = try openDescriptor(for: "send")
        let deadline = Deadline(after: timeout)
        try data.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                if let count = try Posix.send(descriptor, UnsafeRawBufferPointer(rebasing: bytes[sent...])) {
                    sent += count
                } else if try !Posix.wait(for: Int16(POLLOUT), on: descriptor, before: deadline) {
                    throw SystemError(
                        call: "send",
                        errno: ETIMEDOUT,
                        detail: "\(sent) of \(bytes.count) bytes sent before the deadline"
                    )
                }
            }
        }
    }

    /// The peer's pid, uid and gid as of its connect(2) (SO_PEERCRED, unix(7)).
    public func peerCredentials() throws -> PeerCredentials {
        let descriptor = try openDescriptor(for: "getsockopt")
        // `struct ucred { pid_t pid; uid_t uid; gid_t gid; }` (unix(7)); Swift's Glibc module hides the
        // struct behind _GNU_SOURCE, and a tuple of the three fields has the same layout.
        let (pid, uid, gid) = try Posix.getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, as: (pid_t, uid_t, gid_t).self)
        return PeerCredentials(pid: pid, uid: uid, gid: gid)
    }

    /// Closes the socket. Calling it again does nothing.
    public func close() {
        guard descriptor >= 0 else { return }
        Posix.close(descriptor)
        descriptor = -1
        buffer = []
        scannedCount = 0
    }

    private func openDescriptor(for call: String) throws(SystemError) -> Int32 {
        guard descriptor >= 0 else { throw SystemError(call: call, errno: EBADF, detail: "connection already closed") }
        return descriptor
    }
}

/// socket(7) timeouts are `timeval`s, and zero means "never time out", so a zero or negative duration
/// becomes the smallest real timeout instead.
private func socketTimeout(_ duration: Duration) -> timeval {
    guard duration >= .microseconds(1) else { return timeval(tv_sec: 0, tv_usec: 1) }
    let (seconds, attoseconds) = duration.components
    return timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
}
