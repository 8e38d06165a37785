import Foundation
import MirrorCore

/// A read-only connection for queries (socket requests, reports, `verify`). Not Sendable: one per
/// thread or request. It can neither write nor block the daemon's writer (WAL readers take no lock
/// the writer waits on; https://www.sqlite.org/wal.html#concurrency).
///
/// The connection stays inside the store: callers get rows, and what a server needs of the connection
/// itself (a deadline) is a method here.
public final class MirrorReader {
    let connection: Connection
    private let deadline = QueryDeadline()

    public init(path: String) throws {
        connection = try Connection(path: path, mode: .readOnly)
        deadline.install(on: connection)
    }

    deinit {
        // `interrupter` may keep the connection open after the reader; the handler must not outlive
        // the deadline it reads.
        deadline.uninstall(from: connection)
    }

    /// The database file this reader reads.
    public var path: String { connection.path }

    /// The whole chain, or with `start` only what was appended after it (see `ChainVerifier`).
    public func verifyChain(
        anchoredHead: ChainVerification.Head? = nil,
        after start: ChainVerification.Head? = nil
    ) throws -> ChainVerification {
        try connection.readTransaction {
            try ChainVerifier(connection: connection).verify(anchoredHead: anchoredHead, after: start)
        }
    }

    /// Runs `body`; a statement still running after `seconds` stops and fails with
    /// `SQLiteError.Code.interrupt` (`QueryDeadline`: SQLite's progress handler watches the clock).
    public func withDeadline<T>(_ seconds: TimeInterval, _ body: () throws -> T) throws -> T {
        try deadline.run(within: seconds, body)
    }

    /// A function that stops the statement running on this reader (from another thread: a cancelled
    /// task's handler); the statement then fails with `SQLiteError.Code.interrupt`.
    public var interrupter: @Sendable () -> Void {
        // sqlite3_interrupt is safe to call from a thread other than the one running the statement
        // (https://www.sqlite.org/c3ref/interrupt.html); the closure keeps the connection open.
        nonisolated(unsafe) let connection = connection
        return { connection.interrupt() }
    }

    /// One integer from an ad-hoc read-only query (tests and benchmarks inspect the database with it).
    public func scalarInt(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> Int? {
        try connection.scalarInt(sql, values)
    }

    /// One text value from an ad-hoc read-only query.
    public func scalarString(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> String? {
        try connection.scalarString(sql, values)
    }
}

@available(*, unavailable)
extension MirrorReader: Sendable {}
