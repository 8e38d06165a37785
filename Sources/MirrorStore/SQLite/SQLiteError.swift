import CSQLite

/// A failed SQLite call: the extended result code, SQLite's own message (`sqlite3_errmsg`, which names
/// the table, column or constraint) and the SQL text. Bound values are never part of it: they are
/// provider data and may hold personal data or secrets (GRDB's `DatabaseError` makes the same choice).
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A primary result code by name. A struct rather than an enum: a newer SQLite may return a code
    /// this list does not name, and the error must still carry it.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32

        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// SQLITE_ERROR: a generic error, e.g. an SQL syntax error or a missing table.
        public static let error = Code(rawValue: SQLITE_ERROR)
        /// SQLITE_ABORT: an operation was aborted before it completed, e.g. by a rollback.
        public static let abort = Code(rawValue: SQLITE_ABORT)
        /// SQLITE_BUSY: another connection holds a conflicting lock.
        public static let busy = Code(rawValue: SQLITE_BUSY)
        /// SQLITE_LOCKED: a conflict inside this connection or its shared cache.
        public static let locked = Code(rawValue: SQLITE_LOCKED)
        /// SQLITE_READONLY: a write on a read-only connection or file.
        public static let readOnly = Code(rawValue: SQLITE_READONLY)
        /// SQLITE_INTERRUPT: `sqlite3_interrupt` stopped the statement.
        public static let interrupt = Code(rawValue: SQLITE_INTERRUPT)
        /// SQLITE_IOERR: the operating system reported an I/O error.
        public static let ioError = Code(rawValue: SQLITE_IOERR)
        /// SQLITE_CORRUPT: the database file is malformed.
        public static let corrupt = Code(rawValue: SQLITE_CORRUPT)
        /// SQLITE_FULL: the disk (or the temp store) is full.
        public static let full = Code(rawValue: SQLITE_FULL)
        /// SQLITE_CANTOPEN: the file could not be opened.
        public static let cantOpen = Code(rawValue: SQLITE_CANTOPEN)
        /// SQLITE_CONSTRAINT: a constraint (or a RAISE(ABORT) trigger) refused the change.
        public static let constraint = Code(rawValue: SQLITE_CONSTRAINT)
        /// SQLITE_MISUSE: the C API was used against its contract.
        public static let misuse = Code(rawValue: SQLITE_MISUSE)
        /// SQLITE_RANGE: a parameter index out of range.
        public static let range = Code(rawValue: SQLITE_RANGE)
        /// SQLITE_NOTADB: the file is not an SQLite database.
        public static let notADatabase = Code(rawValue: SQLITE_NOTADB)

        /// SQLite's own English text for the code (`sqlite3_errstr`).
        public var description: String { String(cString: sqlite3_errstr(rawValue)) }
    }

    /// The extended result code, e.g. 2067 (SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    public init(_ code: Code, message: String, sql: String? = nil) {
        self.init(extendedCode: code.rawValue, message: message, sql: sql)
    }

    /// The primary result code (the low byte of the extended one), e.g. `.constraint` for every
    /// constraint failure (rescode.html, "Primary Result Codes versus Extended Result Codes").
    public var code: Code { Code(rawValue: extendedCode & 0xFF) }

    public var isBusy: Bool { code == .busy || code == .locked }
    public var isConstraint: Bool { code == .constraint }
    public var isReadOnly: Bool { code == .readOnly }
    public var isInterrupt: Bool { code == .interrupt }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
