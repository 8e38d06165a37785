import Glibc

/// The system calls the socket layer makes, each retried on `EINTR` and turned into a `SystemError`.
///
/// Each wrapper is `@inline(never)` and reads `errno` straight after the call, so no retain/release or
/// allocation can run in between and overwrite it (swift-nio `NIOPosix/System.swift`). Calls on
/// non-blocking descriptors return nil for `EAGAIN` instead of throwing: "not yet" is not an error.
enum Posix {
    /// Glibc imports the socket types as an enum; these are the `Int32` values socket(2) takes.
    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let datagramType = Int32(SOCK_DGRAM.rawValue)
    static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)
    static let nonBlocking = Int32(SOCK_NONBLOCK.rawValue)

    @inline(never)
    static func socket(type: Int32) throws(SystemError) -> Int32 {
        try retryingInterrupts("socket", nil) { Glibc.socket(AF_UNIX, type, 0) }
    }

    /// socketpair(2) of two connected Unix sockets of `type`.
    @inline(never)
    static func socketPair(type: Int32) throws(SystemError) -> (Int32, Int32) {
        var pair: [Int32] = [-1, -1]
        _ = try retryingInterrupts("socketpair", nil) { Glibc.socketpair(AF_UNIX, type, 0, &pair) }
        return (pair[0], pair[1])
    }

    @inline(never)
    static func bind(_ descriptor: Int32, to address: UnixSocketAddress) throws(SystemError) {
        _ = try address.withSocketAddress { pointer, length throws(SystemError) in
            try retryingInterrupts("bind", address.description) { Glibc.bind(descriptor, pointer, length) }
        }
    }

    @inline(never)
    static func listen(_ descriptor: Int32, backlog: Int32, detail: String?) throws(SystemError) {
        _ = try retryingInterrupts("listen", detail) { Glibc.listen(descriptor, backlog) }
    }

    /// accept4(2) with `SOCK_CLOEXEC | SOCK_NONBLOCK`, so the connection never leaks into a child
    /// process and never blocks a thread. Nil when no connection is pending (`EAGAIN`), or when the one
    /// that was pending has already gone (`ECONNABORTED`, accept(2)).
    @inline(never)
    static func accept(_ descriptor: Int32) throws(SystemError) -> Int32? {
        guard let accept4 = acceptWithFlags else { throw SystemError(call: "accept4", errno: ENOSYS) }
        do {
            return try retryingInterrupts("accept4", nil) { accept4(descriptor, nil, nil, closeOnExec | nonBlocking) }
        } catch let error where error.errno == EAGAIN || error.errno == EWOULDBLOCK || error.errno == ECONNABORTED {
            return nil
        }
    }

    /// glibc's accept4(2). Swift's Glibc module is built without `_GNU_SOURCE`, which hides the
    /// declaration, so the symbol is looked up at run time (glibc has exported it since 2.10).
    private static let acceptWithFlags: AcceptWithFlags? = dlsym(nil, "accept4").map {
        unsafeBitCast($0, to: AcceptWithFlags.self)
    }
    private typealias AcceptWithFlags =
        @convention(c) (
            Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32
        ) -> Int32

    /// connect(2). On a blocking Unix socket this waits for room in the listener's backlog for at most
    /// the socket's `SO_SNDTIMEO`, then fails with `EAGAIN` (net/unix/af_unix.c, unix_stream_connect).
    /// Retrying after `EINTR` is safe here: a Unix stream connect is interrupted only while it waits,
    /// before a connection exists.
    @inline(never)
    static func connect(_ descriptor: Int32, to address: UnixSocketAddress) throws(SystemError) {
        _ = try address.withSocketAddress { pointer, length throws(SystemError) in
            try retryingInterrupts("connect", address.description) { Glibc.connect(descriptor, pointer, length) }
        }
    }

    /// read(2) into `buffer`: the byte count (0 at end of stream), or nil for `EAGAIN`.
    @inline(never)
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int? {
        do {
            return try retryingInterrupts("read", nil) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
        } catch let error where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return nil
        }
    }

    /// send(2) with `MSG_NOSIGNAL`: a vanished peer gives `EPIPE` instead of a process-killing SIGPIPE
    /// (Linux has no `SO_NOSIGPIPE`; send(2)). Nil for `EAGAIN`.
    @inline(never)
    static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> Int? {
        do {
            return try retryingInterrupts("send", nil) {
                Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
        } catch let error where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return nil
        }
    }

    /// sendto(2) of one datagram with `MSG_NOSIGNAL`.
    @inline(never)
    static func send(
        _ descriptor: Int32,
        _ bytes: UnsafeRawBufferPointer,
        to address: UnixSocketAddress
    ) throws(SystemError) -> Int {
        try address.withSocketAddress { pointer, length throws(SystemError) in
            try retryingInterrupts("sendto", address.description) {
                Glibc.sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), pointer, length)
            }
        }
    }

    /// poll(2): the number of ready descriptors, 0 on timeout. `EINTR` also returns 0, because a retry
    /// with the original timeout would overrun the caller's deadline; callers loop on their `Deadline`.
    @inline(never)
    static func poll(_ descriptors: inout [pollfd], timeout milliseconds: Int32) throws(SystemError) -> Int32 {
        let count = nfds_t(descriptors.count)
        let result = descriptors.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, count, milliseconds) }
        guard result == -1 else { return result }
        let code = errno
        guard code == EINTR else { throw SystemError(call: "poll", errno: code) }
        return 0
    }

    /// Waits until `descriptor` reports one of `events` (or an error or hang-up, which the next read or
    /// write will surface); false once `deadline` has passed. A deadline found passed still gets one
    /// look without waiting: bytes that arrived while this thread was not running (a starved CPU, a
    /// paused VM) are not late.
    static func wait(
        for events: Int16,
        on descriptor: Int32,
        before deadline: Deadline
    ) throws(SystemError) -> Bool {
        while true {
            let timeout = deadline.pollTimeout()
            var descriptors = [pollfd(fd: descriptor, events: events, revents: 0)]
            guard try poll(&descriptors, timeout: timeout ?? 0) > 0 else {
                if timeout == nil { return false }
                continue
            }
            if descriptors[0].revents & Int16(POLLNVAL) != 0 {
                throw SystemError(call: "poll", errno: EBADF, detail: "descriptor \(descriptor)")
            }
            return true
        }
    }

    /// close(2), ignoring `EINTR`: on Linux the descriptor is released even then, and retrying could
    /// close a descriptor another thread has just been given (close(2), "Dealing with error returns").
    /// Other errors are ignored too: for a socket nothing is left to flush or recover.
    @inline(never)
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    @inline(never)
    static func chmod(_ path: String, mode: mode_t) throws(SystemError) {
        _ = try retryingInterrupts("chmod", path) { Glibc.chmod(path, mode) }
    }

    /// lstat(2): the link itself, never its target, so a symlink at a socket path is never followed.
    @inline(never)
    static func lstat(_ path: String) throws(SystemError) -> stat {
        var status = stat()
        _ = try retryingInterrupts("lstat", path) { Glibc.lstat(path, &status) }
        return status
    }

    @inline(never)
    static func fstat(_ descriptor: Int32) throws(SystemError) -> stat {
        var status = stat()
        _ = try retryingInterrupts("fstat", "descriptor \(descriptor)") { Glibc.fstat(descriptor, &status) }
        return status
    }

    @inline(never)
    static func unlink(_ path: String) throws(SystemError) {
        _ = try retryingInterrupts("unlink", path) { Glibc.unlink(path) }
    }

    @inline(never)
    static func fcntl(_ descriptor: Int32, _ command: Int32, _ argument: Int32 = 0) throws(SystemError) -> Int32 {
        try retryingInterrupts("fcntl", "descriptor \(descriptor)") { Glibc.fcntl(descriptor, command, argument) }
    }

    /// getsockopt(2) for a fixed-size, plain-data option value.
    @inline(never)
    static func getsockopt<Value: BitwiseCopyable>(
        _ descriptor: Int32,
        _ level: Int32,
        _ option: Int32,
        as type: Value.Type
    ) throws(SystemError) -> Value {
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { storage throws(SystemError) in
            var length = socklen_t(MemoryLayout<Value>.size)
            _ = try retryingInterrupts("getsockopt", "descriptor \(descriptor)") {
                Glibc.getsockopt(descriptor, level, option, storage.baseAddress, &length)
            }
            return storage[0]
        }
    }

    /// setsockopt(2) for a fixed-size, plain-data option value.
    @inline(never)
    static func setsockopt<Value: BitwiseCopyable>(
        _ descriptor: Int32,
        _ level: Int32,
        _ option: Int32,
        _ value: Value
    ) throws(SystemError) {
        _ = try withUnsafeBytes(of: value) { bytes throws(SystemError) in
            try retryingInterrupts("setsockopt", "descriptor \(descriptor)") {
                Glibc.setsockopt(descriptor, level, option, bytes.baseAddress, socklen_t(bytes.count))
            }
        }
    }

    /// getsockname(2): the address a socket is bound to, nil if unnamed.
    @inline(never)
    static func localAddress(of descriptor: Int32) throws(SystemError) -> UnixSocketAddress? {
        var storage = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                try retryingInterrupts("getsockname", "descriptor \(descriptor)") {
                    Glibc.getsockname(descriptor, address, &length)
                }
            }
        }
        return UnixSocketAddress(storage: storage, length: length)
    }

    /// Runs `call` until it is not interrupted; -1 becomes a `SystemError` carrying the `errno` read
    /// right after the call.
    @inline(__always)
    private static func retryingInterrupts<Result: FixedWidthInteger>(
        _ name: String,
        _ detail: String?,
        _ call: () -> Result
    ) throws(SystemError) -> Result {
        while true {
            let result = call()
            guard result == -1 else { return result }
            let code = errno
            guard code == EINTR else { throw SystemError(call: name, errno: code, detail: detail) }
        }
    }
}
