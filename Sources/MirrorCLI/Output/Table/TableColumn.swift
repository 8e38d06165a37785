/// A table column and how it gives way on a narrow terminal. Identifiers and times are never cut (an
/// operator copies ids into the next command, and a cut time is a wrong time); text is cut with "…"
/// or, in the last column, wrapped; an optional column is the first to go.
struct TableColumn: ExpressibleByStringLiteral, Sendable {
    enum Kind: Sendable, Equatable {
        /// Ids, names of accounts, numbers: printed whole.
        case identifier
        /// Cells holding RFC 3339 times: whole when piped, shortened (not cut) on a terminal.
        case time(TimeCell.Style)
        /// Free text: cut with "…", or wrapped when it is the last column shown.
        case text
    }

    let header: String
    let kind: Kind
    /// Low value: left out, rightmost first, when the table does not fit a terminal.
    private(set) var isOptional = false

    init(_ header: String, _ kind: Kind) {
        self.header = header
        self.kind = kind
    }

    /// A bare header is a text column.
    init(stringLiteral header: String) { self.init(header, .text) }

    static func id(_ header: String) -> TableColumn { TableColumn(header, .identifier) }
    static func time(_ header: String, _ style: TimeCell.Style = .clock) -> TableColumn {
        TableColumn(header, .time(style))
    }

    var optional: TableColumn {
        var column = self
        column.isOptional = true
        return column
    }
}
