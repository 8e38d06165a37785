/// Reads a row's columns in the order its SELECT lists them, so a query and the type it fills read
/// side by side. A NOT NULL column read as non-optional falls back to 0 or "" rather than trapping;
/// the schema's STRICT tables and NOT NULL constraints keep that fallback unreached.
public struct ColumnCursor {
    private let row: Row
    private var index = 0

    public init(_ row: Row) {
        self.row = row
    }

    public mutating func optionalString() -> String? {
        defer { index += 1 }
        return row.string(index)
    }

    public mutating func string() -> String { optionalString() ?? "" }

    public mutating func optionalInt() -> Int? {
        defer { index += 1 }
        return row.int(index)
    }

    public mutating func int() -> Int { optionalInt() ?? 0 }

    public mutating func bool() -> Bool { int() != 0 }
}

@available(*, unavailable)
extension ColumnCursor: Sendable {}
