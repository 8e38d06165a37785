import CSQLite

/// A prepared statement. It belongs to one connection and is used on that connection's thread only,
/// hence not Sendable. Finalized on deinit.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt.html>
public final class Statement {
    let handle: OpaquePointer
    public let sql: String
    unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw connection.error(code: code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds positional parameters (`?`), in order.
    public func bind(_ values: [any SQLiteBindable]) throws {
        sqlite3_reset(handle)
        // No sqlite3_clear_bindings: every parameter is bound again below (the count is checked first).
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                .range,
                message: "statement takes \(expected) parameters, \(values.count) given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.sqliteValue {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                // Binding by byte count keeps embedded NUL characters and avoids a strlen.
                code =
                    text.utf8.withContiguousStorageIfAvailable { bytes in
                        sqlite3_bind_text64(
                            handle,
                            index,
                            bytes.baseAddress,
                            UInt64(bytes.count),
                            sqliteTransient,
                            UInt8(SQLITE_UTF8)
                        )
                    }
                    ?? {
                        let bytes = Array(text.utf8)
                        return sqlite3_bind_text64(
                            handle,
                            index,
                            bytes,
                            UInt64(bytes.count),
                            sqliteTransient,
                            UInt8(SQLITE_UTF8)
                        )
                    }()
            case .blob(let bytes):
                code = sqlite3_bind_blob64(handle, index, bytes, UInt64(bytes.count), sqliteTransient)
            }
            guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
        }
    }

    /// Runs a statement that returns no rows.
    public func execute(_ values: [any SQLiteBindable] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Advances to the next row; false when done.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code: code, sql: sql)
        }
    }

    /// Runs the query and maps each row.
    public func rows<T>(_ values: [any SQLiteBindable] = [], _ map: (Row) throws -> T) throws -> [T] {
        try bind(values)
        var result: [T] = []
        let row = Row(statement: self)
        while try step() { result.append(try map(row)) }
        return result
    }

    /// Runs the query and maps the first row, if any.
    public func firstRow<T>(_ values: [any SQLiteBindable] = [], _ map: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? map(Row(statement: self)) : nil
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns. The C macro is a cast of
/// -1 that Swift cannot import.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
