import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on IPv4 loopback over POSIX sockets (socket(7), tcp(7)): one thread per connection,
/// keep-alive, `Content-Length` bodies. Enough for URLSession and libcurl to talk to the simulated providers,
/// and able to misbehave on purpose (`HTTPResponse.Behavior`).
public final class HTTPServer: Sendable {
    /// Connections beyond this many get a 503 and are closed, so a runaway client cannot exhaust threads.
    static let maximumConnections = 64
    /// An idle keep-alive connection (or a stalled write) is closed after this long (SO_RCVTIMEO, SO_SNDTIMEO).
    static let idleTimeoutSeconds = 60

    private struct State {
        var isStarted = false
        var isStopped = false
        var openSockets: Set<Int32> = []
    }

    /// The bound port (the kernel's choice when 0 was asked for).
    public let port: UInt16
    /// `http://HOST:PORT`, without a trailing slash.
    public let baseURL: URL
    private let listener: Int32
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let state = Mutex(State())

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 0,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1,
            UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127
        else { throw HTTPServerError.notLoopback(host: host) }

        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else {
            throw HTTPServerError.socketCallFailed(operation: "socket", host: host, port: port, errno: errno)
        }
        func fail(_ operation: String) -> HTTPServerError {
            let code = errno
            close(socketFD)
            return .socketCallFailed(operation: operation, host: host, port: port, errno: code)
        }
        var reuse: Int32 = 1
        guard setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw fail("setsockopt(SO_REUSEADDR)")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw fail("bind") }
        guard listen(socketFD, 128) == 0 else { throw fail("listen") }
        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw fail("getsockname") }

        self.listener = socketFD
        self.port = UInt16(bigEndian: boundAddress.sin_port)
        // A validated IPv4 literal and a number always form a valid URL.
        self.baseURL = URL(string: "http://\(host):\(self.port)")!
        self.handler = handler
    }

    deinit {
        stop()
    }

    /// Starts the accept loop on its own thread. Calling it again, or after `stop()`, does nothing.
    public func start() {
        let shouldStart = state.withLock { state in
            guard !state.isStarted, !state.isStopped else { return false }
            state.isStarted = true
            return true
        }
        guard shouldStart else { return }
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops listening and shuts every open connection down; idempotent and non-blocking. Connection threads
    /// notice the shutdown (their `recv` returns 0) and close their own sockets, so no descriptor is closed
    /// while another thread may still use it.
    public func stop() {
        state.withLock { state in
            guard !state.isStopped else { return }
            state.isStopped = true
            for socket in state.openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
            if state.isStarted {
                // Wakes the blocked accept(2) with EINVAL on Linux; the accept thread then closes the listener.
                shutdown(listener, Int32(SHUT_RDWR))
            } else {
                close(listener)
            }
        }
    }

    var isStopped: Bool { state.withLock { $0.isStopped } }

    /// Sleeps up to `seconds` in short slices; returns false as soon as the server is stopped.
    func sleepUnlessStopped(_ seconds: Double) -> Bool {
        var remaining = max(0, seconds)
        while remaining > 0 {
            if isStopped { return false }
            let slice = min(remaining, 0.01)
            usleep(useconds_t(slice * 1_000_000))
            remaining -= slice
        }
        return !isStopped
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        handler(request)
    }

    /// Forgets a connection's socket, then closes it (after the lock, so `stop()` never shuts a reused number).
    func closeConnection(_ socket: Int32) {
        state.withLock { _ = $0.openSockets.remove(socket) }
        shutdown(socket, Int32(SHUT_WR))
        close(socket)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                let code = errno
                if isStopped { break }
                switch code {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    usleep(10_000)  // accept(2): out of resources; retry after connections close.
                    continue
                default: break
                }
                break
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)  // Glibc does not export accept4(2) to Swift.
            configure(client)
            switch register(client) {
            case .accepted:
                Thread.detachNewThread { [self] in HTTPConnection(socket: client, server: self).run() }
            case .overCapacity:
                refuseOverCapacity(client)
            case .stopped:
                close(client)
            }
        }
        close(listener)
    }

    private enum Registration { case accepted, overCapacity, stopped }

    private func register(_ socket: Int32) -> Registration {
        state.withLock { state in
            if state.isStopped { return .stopped }
            if state.openSockets.count >= Self.maximumConnections { return .overCapacity }
            state.openSockets.insert(socket)
            return .accepted
        }
    }

    private func refuseOverCapacity(_ socket: Int32) {
        let response = HTTPResponse(
            status: 503,
            headers: [("Retry-After", "1"), ("Content-Type", "text/plain; charset=utf-8")],
            body: Data("too many open connections (limit \(Self.maximumConnections))\n".utf8)
        )
        _ = POSIXSocket.sendAll(socket, response.wireHead(keepAlive: false) + response.body)
        shutdown(socket, Int32(SHUT_WR))
        close(socket)
    }

    private func configure(_ socket: Int32) {
        var timeout = timeval(tv_sec: Self.idleTimeoutSeconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    }
}
