/// An aligned text table. Piped, every value prints whole. On a terminal the table fits the width:
/// optional columns go first (rightmost first), then text columns are cut with "…" (widest first), the
/// last one wrapped instead; identifiers and times are never cut, so when even they do not fit side by
/// side, each row prints as a record, one column per line. Alignment counts display columns (`DisplayWidth`), not characters.
struct Table {
    let columns: [TableColumn]
    private(set) var rows: [[String]] = []

    /// A text column is cut to no fewer columns than this (its header's, when shorter).
    static let narrowestText = 8
    /// A wrapped last column keeps at least this many columns while others can still be cut.
    static let readableWrap = 24

    init(_ columns: [TableColumn]) { self.columns = columns }

    mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "a table row has one cell per column")
        rows.append(row.map(Self.cell))
    }

    /// One line, and nothing that acts on a terminal: line feeds and tabs become spaces, other control
    /// characters their visible pictures (ECMA-48 escapes in a provider's name must not recolour rows).
    static func cell(_ text: String) -> String {
        ReportRenderer.visible(text.replacing("\n", with: " ").replacing("\t", with: " "))
    }

    func render(_ layout: TableLayout = .standardOutput) -> String {
        guard !columns.isEmpty else { return "" }
        let cells = rows.map { row in
            zip(row, columns).map { cell, column in
                guard case .time(let style) = column.kind, layout.width != nil else { return cell }
                return TimeCell.shorten(cell, style: style, now: layout.now, zone: layout.zone)
            }
        }
        var shown = Array(columns.indices)
        var widths = columns.indices.map { index in
            ([columns[index].header] + cells.map { $0[index] }).map(DisplayWidth.of).max() ?? 0
        }
        var dropped: [String] = []
        if let limit = layout.width {
            func total() -> Int { shown.map { widths[$0] }.reduce(0, +) + 2 * (shown.count - 1) }
            while total() > limit, let optional = shown.last(where: { columns[$0].isOptional }) {
                shown.removeAll { $0 == optional }
                dropped.insert(columns[optional].header, at: 0)
            }
            // Wrapping loses nothing, so a last text column gives way first, down to a readable width;
            // then the other text columns are cut, widest first; then the last one again.
            let wrapping = shown.last.flatMap { columns[$0].kind == .text ? $0 : nil }
            if let wrapping {
                let readable = max(Self.readableWrap, DisplayWidth.of(columns[wrapping].header))
                widths[wrapping] = max(min(widths[wrapping], readable), widths[wrapping] - (total() - limit))
            }
            while total() > limit,
                let widest = shown.filter({ $0 != wrapping && columns[$0].kind == .text && widths[$0] > floor(of: $0) })
                    .max(by: { widths[$0] < widths[$1] })
            {
                widths[widest] -= 1
            }
            if let wrapping, total() > limit {
                widths[wrapping] = max(floor(of: wrapping), widths[wrapping] - (total() - limit))
            }
        }
        if let limit = layout.width, shown.map({ widths[$0] }).reduce(0, +) + 2 * (shown.count - 1) > limit {
            return records(cells, width: limit, color: layout.color)
        }
        var lines = [line(columns.map(\.header), shown: shown, widths: widths)]
        if layout.color { lines[0] = "\u{1B}[1m\(lines[0])\u{1B}[0m" }
        lines += cells.map { line($0, shown: shown, widths: widths) }
        if !dropped.isEmpty {
            lines.append("(not shown at \(layout.width ?? 0) columns: \(dropped.joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n")
    }

    /// When even the identifiers and times do not fit side by side: one record per row, a column per
    /// line (as psql's expanded display), text wrapped after its label; values are never cut.
    private func records(_ cells: [[String]], width: Int, color: Bool) -> String {
        let labelWidth = columns.map { DisplayWidth.of($0.header) }.max() ?? 0
        let valueWidth = max(Self.narrowestText, width - labelWidth - 2)
        return cells.map { row in
            zip(columns, row).map { column, cell in
                let label = column.header + String(repeating: " ", count: labelWidth - DisplayWidth.of(column.header))
                let value =
                    column.kind == .text && DisplayWidth.of(cell) > valueWidth
                    ? Self.wrap(cell, width: valueWidth, indent: labelWidth + 2) : cell
                return (color ? "\u{1B}[1m\(label)\u{1B}[0m" : label) + "  " + value
            }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    private func floor(of column: Int) -> Int {
        max(1, min(Self.narrowestText, DisplayWidth.of(columns[column].header)))
    }

    /// One row: cut text cells end in "…"; a last text column too long for its width wraps onto
    /// continuation lines that start under it.
    private func line(_ row: [String], shown: [Int], widths: [Int]) -> String {
        var output = ""
        var indent = 0
        for (position, column) in shown.enumerated() {
            let cell = row[column]
            let width = widths[column]
            let isLast = position == shown.count - 1
            if isLast {
                let needsWrap = columns[column].kind == .text && DisplayWidth.of(cell) > width
                output += needsWrap ? Self.wrap(cell, width: width, indent: indent) : cell
            } else {
                let fitted =
                    DisplayWidth.of(cell) > width && columns[column].kind == .text
                    ? DisplayWidth.prefix(of: cell, fitting: width - 1) + "…" : cell
                output += fitted + String(repeating: " ", count: max(0, width - DisplayWidth.of(fitted))) + "  "
                indent += width + 2
            }
        }
        return output
    }

    /// `text` broken at spaces (inside a word only when the word alone is too wide) into lines of at most
    /// `width` display columns, joined by a line feed and `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            var rest = word
            while DisplayWidth.of(rest) > width {
                let head = DisplayWidth.prefix(of: rest, fitting: max(1, width))
                let taken = head.isEmpty ? String(rest.prefix(1)) : head
                lines.append(taken)
                rest.removeFirst(taken.count)
            }
            current = rest
        }
        lines.append(current)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}
