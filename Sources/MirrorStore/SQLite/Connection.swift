import CSQLite
import Foundation

/// One SQLite connection, used by one thread at a time (opened with SQLITE_OPEN_NOMUTEX: the owner
/// serialises access, as GRDB's `SerializedDatabase` does), hence not Sendable.
///
/// The writer is the daemon's single read-write connection; readers are read-only connections that
/// answer queries without ever blocking it (WAL: https://www.sqlite.org/wal.html).
public final class Connection {
    public enum Mode: Sendable {
        /// Creates the file when missing; WAL, synchronous=FULL, foreign keys, busy timeout.
        case readWrite
        /// `mode=ro` plus `PRAGMA query_only`: cannot write even through a bug.
        case readOnly
    }

    let handle: OpaquePointer
    public let path: String
    public let mode: Mode
    private var statementCache: [String: Statement] = [:]

    /// Opens the database at `path`. Related SQLite documentation: <https://www.sqlite.org/c3ref/open.html>
    public init(path: String, mode: Mode, busyTimeout: Duration = .seconds(5)) throws {
        var handle: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        flags |= mode == .readWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            // "Whether or not an error occurs when it is opened, resources associated with the database
            // connection handle should be released by passing it to sqlite3_close()" (c3ref/open.html).
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(extendedCode: code, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        self.path = path
        self.mode = mode
        do {
            try setUp(busyTimeout: busyTimeout)
        } catch {
            statementCache.removeAll()
            sqlite3_close_v2(handle)
            throw error
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func setUp(busyTimeout: Duration) throws {
        sqlite3_extended_result_codes(handle, 1)
        let milliseconds = Int32(
            busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        )
        sqlite3_busy_timeout(handle, milliseconds)
        try check(mirror_sqlite_disable_dqs(handle))
        try check(mirror_sqlite_enable_defensive(handle))
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA trusted_schema = OFF")
        switch mode {
        case .readWrite:
            let journal = try scalarString("PRAGMA journal_mode = WAL")
            guard journal == "wal" else {
                throw SQLiteError(
                    .error,
                    message: "cannot enable WAL on \(path): journal_mode is \(journal ?? "unknown")"
                )
            }
            // History is an audit record: FULL syncs the WAL on each commit, so a power loss cannot take
            // back a revision already reported (https://www.sqlite.org/pragma.html#pragma_synchronous).
            try execute("PRAGMA synchronous = FULL")
            try execute("PRAGMA journal_size_limit = 67108864")
            // A checkpoint every 4,000 pages (16 MB of WAL) rather than SQLite's 1,000: a crawl commits a
            // page of assistants at a time, and each checkpoint copies back the pages every commit
            // touches again (indexes, the tables' last leaves); fewer checkpoints copy them fewer times.
            // The WAL file is still cut back to journal_size_limit afterwards.
            // https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint
            try execute("PRAGMA wal_autocheckpoint = 4000")
            try check(mirror_sqlite_persist_wal(handle))
        case .readOnly:
            try execute("PRAGMA query_only = ON")
        }
    }

    // MARK: - Running SQL

    /// Runs one or more statements that take no parameters (DDL, pragmas, migration files).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs one statement with positional parameters.
    public func execute(_ sql: String, _ values: [any SQLiteBindable]) throws {
        try cachedStatement(sql).execute(values)
    }

    /// A prepared statement kept for the connection's lifetime: the sync engine's per-assistant
    /// statements run thousands of times per crawl and should be parsed once.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try Statement(connection: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// A statement prepared for a single use (ad-hoc queries that should not fill the cache).
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    public func rows<T>(_ sql: String, _ values: [any SQLiteBindable] = [], _ map: (Row) throws -> T) throws -> [T] {
        try cachedStatement(sql).rows(values, map)
    }

    public func firstRow<T>(_ sql: String, _ values: [any SQLiteBindable] = [], _ map: (Row) throws -> T) throws -> T? {
        try cachedStatement(sql).firstRow(values, map)
    }

    public func scalarInt(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> Int? {
        try firstRow(sql, values) { $0.int(0) } ?? nil
    }

    public func scalarString(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> String? {
        try firstRow(sql, values) { $0.string(0) } ?? nil
    }

    public var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Asks a running statement on this connection to stop; safe from another thread
    /// (https://www.sqlite.org/c3ref/interrupt.html). Used for per-request query deadlines.
    public func interrupt() { sqlite3_interrupt(handle) }

    // MARK: - Errors

    func error(code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(
            extendedCode: sqlite3_extended_errcode(handle) == 0 ? code : sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql
        )
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code: code, sql: nil) }
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
