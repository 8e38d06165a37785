import Foundation
import MirrorSimulator
import Synchronization
import TestSupport

/// A monotonic clock that only moves when something sleeps on it, recording every wait: tests assert on
/// the waits a component asked for instead of measuring real time.
final class ManualClock: Sendable {
    private struct State {
        var now = ContinuousClock.now
        var waits: [Duration] = []
    }

    private let state = Mutex(State())
    private let advancesOnSleep: Bool

    /// - Parameter advancesOnSleep: false freezes time, to see what concurrent callers reserve up front.
    init(advancesOnSleep: Bool = true) {
        self.advancesOnSleep = advancesOnSleep
    }

    var waits: [Duration] { state.withLock { $0.waits } }

    @Sendable func now() -> ContinuousClock.Instant {
        state.withLock { $0.now }
    }

    /// Records `duration` and advances the clock by it, without really waiting.
    @Sendable func sleep(_ duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.waits.append(duration)
            if advancesOnSleep { state.now = state.now.advanced(by: duration) }
        }
    }

    func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }
}
/// The simulator's response type, named apart from the client's `HTTPResponse`.
typealias StubResponse = MirrorSimulator.HTTPResponse

/// A loopback `HTTPServer` that answers through `respond(request, index)`, where `index` counts the requests
/// received so far from 0, and keeps every request for the test to inspect.
final class ScriptedServer: Sendable {
    private final class RequestLog: Sendable {
        let requests = Mutex<[HTTPRequest]>([])
    }

    private let server: HTTPServer
    private let log: RequestLog

    var received: [HTTPRequest] { log.requests.withLock { $0 } }
    var baseURL: URL { server.baseURL }

    init(respond: @escaping @Sendable (HTTPRequest, Int) -> StubResponse) throws {
        let log = RequestLog()
        server = try HTTPServer { request in
            let index = log.requests.withLock { log in
                log.append(request)
                return log.count - 1
            }
            return respond(request, index)
        }
        self.log = log
        server.start()
    }

    /// Answers with `responses` in order; the last one repeats.
    convenience init(_ responses: [StubResponse]) throws {
        try self.init { _, index in responses[min(index, responses.count - 1)] }
    }

    func url(_ path: String) -> URL {
        server.baseURL.appendingPathComponent(path)
    }

    func stop() {
        server.stop()
    }

    deinit {
        server.stop()
    }
}

/// A loopback TCP port bound without `listen(2)`: connecting to it is refused (RST), and no other
/// socket can take it while this one is open.
struct ReservedPort {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE) }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(descriptor) }
}
