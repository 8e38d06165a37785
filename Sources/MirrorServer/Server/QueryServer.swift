import Foundation
import MirrorCore
import MirrorProtocol
import MirrorStore
import Synchronization

/// Serves the query protocol on a Unix socket: an accept thread, and one thread per connection (at
/// most `maxConnections`), each with its own read-only database connection.
///
/// Bounded against abusive clients (reliability.md §3): a request line may be at most
/// `maxLineBytes`, checked before the buffer grows; a line must arrive whole within `lineTimeout`, so
/// a client dribbling bytes is cut off; replies are written with a deadline and MSG_NOSIGNAL, so a
/// client that hangs up mid-reply costs an EPIPE, never the process. A bad request gets a structured
/// error and the connection stays open; only a framing error (an over-long line) closes it.
public final class QueryServer: Sendable {
    public struct Limits: Sendable {
        public var maxLineBytes = 64 * 1024
        public var maxConnections = 64
        public var lineTimeout: Duration = .seconds(30)
        public var writeTimeout: Duration = .seconds(10)
        /// How long a `follow` stream waits for a commit before checking whether to stop.
        public var followPoll: TimeInterval = 1

        public init() {}
    }

    private struct State {
        var running = true
        var connections: [ObjectIdentifier: UnixConnection] = [:]
        var lastAcceptLoop = Date()
    }

    private let listener: UnixListener
    private let databasePath: String
    private let daemon: (any DaemonControl)?
    private let notifier: ChangeNotifier
    private let limits: Limits
    private let logger: Logger
    private let state = Mutex(State())
    private let acceptDone = DispatchSemaphore(value: 0)
    /// Called at every turn of the accept loop (at least once a second): the watchdog's sign of life.
    private let heartbeat: @Sendable () -> Void

    public init(
        listener: UnixListener,
        databasePath: String,
        daemon: (any DaemonControl)?,
        notifier: ChangeNotifier,
        limits: Limits = Limits(),
        logger: Logger,
        heartbeat: @escaping @Sendable () -> Void = {}
    ) {
        self.heartbeat = heartbeat
        self.listener = listener
        self.databasePath = databasePath
        self.daemon = daemon
        self.notifier = notifier
        self.limits = limits
        self.logger = logger.with(["component": "socket"])
    }

    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "query-accept"
        thread.start()
    }

    /// Stops accepting, closes every connection, and waits for the accept loop to end.
    public func stop() {
        let open = state.withLock { state -> [UnixConnection] in
            state.running = false
            return Array(state.connections.values)
        }
        for connection in open { connection.close() }
        acceptDone.wait()
        listener.close()
    }

    /// True while the accept loop has turned within the last few seconds (the watchdog's check).
    public var isAlive: Bool {
        state.withLock { $0.running && Date().timeIntervalSince($0.lastAcceptLoop) < 5 }
    }

    public var connectionCount: Int { state.withLock { $0.connections.count } }

    private func acceptLoop() {
        defer { acceptDone.signal() }
        while state.withLock({ state in
            state.lastAcceptLoop = Date()
            return state.running
        }) {
            heartbeat()
            let connection: UnixConnection?
            do {
                connection = try listener.accept(timeout: .seconds(1))
            } catch {
                logger.error("accept failed: \(error)")
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            guard let connection else { continue }
            let admitted = state.withLock { state -> Bool in
                guard state.running, state.connections.count < limits.maxConnections else { return false }
                state.connections[ObjectIdentifier(connection)] = connection
                return true
            }
            guard admitted else {
                let failure = QueryFailure(
                    id: .null,
                    code: .busy,
                    message: "too many connections (\(limits.maxConnections)); try again"
                )
                try? connection.write(Data(QueryReply.failure(failure)), timeout: .seconds(1))
                connection.close()
                continue
            }
            let thread = Thread { [self] in
                serve(connection)
                _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
                connection.close()
            }
            thread.name = "query-connection"
            thread.start()
        }
    }

    private func serve(_ connection: UnixConnection) {
        let peer = try? connection.peerCredentials()
        var handler: QueryHandler?
        while state.withLock({ $0.running }) {
            let line: Data
            do {
                switch try connection.readLine(maxBytes: limits.maxLineBytes, timeout: limits.lineTimeout) {
                case .line(let data): line = data
                case .endOfStream: return
                case .timedOut:
                    logger.debug("closing a connection: no complete request line within \(limits.lineTimeout.readable)")
                    return
                case .tooLong:
                    let failure = QueryFailure(
                        id: .null,
                        code: .tooLarge,
                        message: "request line longer than \(limits.maxLineBytes) bytes; closing"
                    )
                    try? connection.write(Data(QueryReply.failure(failure)), timeout: limits.writeTimeout)
                    return
                }
            } catch {
                logger.debug("closing a connection that could not be read: \(error)")
                return
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let request: QueryRequest
            switch QueryRequest.parse(line) {
            case .failure(let failure):
                logger.info("bad request", ["uid": peer.map { String($0.uid) } ?? "?", "error": failure.code.rawValue])
                guard write(QueryReply.failure(failure), to: connection) else { return }
                continue
            case .success(let parsed): request = parsed
            }
            logger.info(
                "request",
                [
                    "op": request.op, "uid": peer.map { String($0.uid) } ?? "?",
                    "pid": peer.map { String($0.pid) } ?? "?",
                ]
            )
            if handler == nil {
                do {
                    handler = QueryHandler(reader: try MirrorReader(path: databasePath), daemon: daemon)
                } catch {
                    let failure = QueryFailure(
                        id: request.id,
                        code: .unavailable,
                        message: "cannot open the database: \(error)"
                    )
                    guard write(QueryReply.failure(failure), to: connection) else { return }
                    continue
                }
            }
            if request.op == QueryOperation.changes.rawValue, request.parameters["follow"] == .bool(true) {
                follow(request, handler: handler!, connection: connection)
                return
            }
            guard write(handler!.reply(to: request, peer: peer), to: connection) else { return }
        }
    }

    /// `changes` with `follow`: the backlog after the cursor, then each new revision as it commits,
    /// until the client hangs up or the daemon stops.
    private func follow(_ request: QueryRequest, handler: QueryHandler, connection: UnixConnection) {
        var cursor: Int
        let changes: ChangesRequest
        do {
            guard case .changes(let typed) = try MirrorRequest(request) else { return }
            changes = typed
            cursor = changes.after ?? 0
            if changes.startsAtHead { cursor = try handler.reader.chainHead()?.seq ?? 0 }
            try handler.checkFilters(account: changes.account)
        } catch let failure as QueryFailure {
            _ = write(QueryReply.failure(failure), to: connection)
            return
        } catch let error as QueryError {
            let failure = QueryFailure(id: request.id, code: QueryHandler.code(of: error), message: error.description)
            _ = write(QueryReply.failure(failure), to: connection)
            return
        } catch {
            return
        }
        while state.withLock({ $0.running }) {
            let generation = notifier.currentGeneration
            let rows: [ChangeEntry]
            do {
                rows = try handler.changesPage(changes, after: cursor)
            } catch {
                let failure = QueryFailure(id: request.id, code: .internalError, message: String(describing: error))
                _ = write(QueryReply.failure(failure), to: connection)
                return
            }
            for row in rows {
                guard write(QueryReply.event(id: request.id, event: row), to: connection) else { return }
                cursor = row.facts.seq
            }
            if rows.isEmpty { _ = notifier.wait(after: generation, timeout: limits.followPoll) }
        }
    }

    private func write(_ bytes: [UInt8], to connection: UnixConnection) -> Bool {
        do {
            try connection.write(bytes, timeout: limits.writeTimeout)
            return true
        } catch {
            logger.debug("client went away mid-reply: \(error)")
            return false
        }
    }
}
