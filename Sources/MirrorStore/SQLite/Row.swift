import CSQLite

/// The current row of a stepping statement. Column readers are NULL-safe: `sqlite3_column_text` returns
/// NULL for a NULL column, which `String(cString:)` would trap on.
public struct Row {
    let statement: Statement

    public var columnCount: Int { Int(sqlite3_column_count(statement.handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(statement.handle, Int32(index)))
    }

    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(index)) == SQLITE_NULL
    }

    public func string(_ index: Int) -> String? {
        guard let bytes = sqlite3_column_text(statement.handle, Int32(index)) else { return nil }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func int(_ index: Int) -> Int? {
        isNull(index) ? nil : Int(sqlite3_column_int64(statement.handle, Int32(index)))
    }

    public func double(_ index: Int) -> Double? {
        isNull(index) ? nil : sqlite3_column_double(statement.handle, Int32(index))
    }

    public func value(_ index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement.handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement.handle, column))
        case SQLITE_TEXT: return .text(string(index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement.handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement.handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

@available(*, unavailable)
extension Row: Sendable {}
