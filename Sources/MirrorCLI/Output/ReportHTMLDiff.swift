import MirrorCore

/// One changed field of the HTML report as hunks: a few lines of context around each change, both
/// sides' line numbers, and within a changed line the characters that changed (`<del>`, `<ins>`).
/// A blank line keeps its row, its line-number cells giving it a line's height, so the text's shape survives.
enum ReportHTMLDiff {
    /// Unchanged lines shown around each change.
    static let context = 3

    /// A table of the hunks of `old` → `new` under a heading, or nil when the field did not change.
    static func render(old: String, new: String, label: String) -> String? {
        let hunks = LineDiff.hunks(old: old, new: new, context: context)
        guard !hunks.isEmpty else { return nil }
        var rows: [String] = []
        for hunk in hunks {
            rows.append(
                "<tr class=\"hunk\"><td colspan=\"4\">\(span(hunk.linesBeforeOnOldSide, hunk.oldCount, side: "before"))"
                    + " → \(span(hunk.linesBeforeOnNewSide, hunk.newCount, side: "after"))</td></tr>"
            )
            var deleted: [LineDiff.HunkLine] = []
            var inserted: [LineDiff.HunkLine] = []
            func flush() {
                rows += changedRows(deleted: deleted, inserted: inserted)
                deleted = []
                inserted = []
            }
            for line in hunk.lines {
                switch line.kind {
                case .context:
                    flush()
                    rows.append(row(line, sign: " ", body: ReportHTML.escape(line.text)))
                case .deleted: deleted.append(line)
                case .inserted: inserted.append(line)
                }
            }
            flush()
        }
        return """
            <h3>\(ReportHTML.escape(label))</h3>
            <table class="hunks"><colgroup><col class="n"/><col class="n"/><col class="s"/><col/></colgroup>
            \(rows.joined(separator: "\n"))
            </table>
            """
    }

    /// The deleted lines, then the inserted ones; the i-th deleted and i-th inserted line of a run are
    /// paired for character highlights when they are alike enough for the highlight to help.
    static func changedRows(deleted: [LineDiff.HunkLine], inserted: [LineDiff.HunkLine]) -> [String] {
        var oldBodies = deleted.map { ReportHTML.escape($0.text) }
        var newBodies = inserted.map { ReportHTML.escape($0.text) }
        for index in 0..<min(deleted.count, inserted.count) {
            let (old, new) = LineDiff.inlineChanges(old: deleted[index].text, new: inserted[index].text)
            let unchanged = old.filter { !$0.changed }.map(\.text.count).reduce(0, +)
            guard 2 * unchanged >= max(deleted[index].text.count, inserted[index].text.count) else { continue }
            oldBodies[index] = marked(old, tag: "del")
            newBodies[index] = marked(new, tag: "ins")
        }
        return zip(deleted, oldBodies).map { row($0, sign: "−", body: $1) }
            + zip(inserted, newBodies).map { row($0, sign: "+", body: $1) }
    }

    private static func marked(_ segments: [LineDiff.Segment], tag: String) -> String {
        segments.map { $0.changed ? "<\(tag)>\(ReportHTML.escape($0.text))</\(tag)>" : ReportHTML.escape($0.text) }
            .joined()
    }

    private static func row(_ line: LineDiff.HunkLine, sign: String, body: String) -> String {
        let kind =
            switch line.kind {
            case .context: "ctx"
            case .deleted: "del"
            case .inserted: "ins"
            }
        return "<tr class=\"\(kind)\"><td class=\"n\">\(line.oldNumber.map(String.init) ?? "")</td>"
            + "<td class=\"n\">\(line.newNumber.map(String.init) ?? "")</td><td class=\"s\">\(sign)</td>"
            + "<td class=\"code\">\(body)</td></tr>"
    }

    /// "lines 10–16 before", "line 3 after", "nothing before (at line 4)".
    private static func span(_ linesBefore: Int, _ count: Int, side: String) -> String {
        switch count {
        case 0: "no lines \(side) (after line \(linesBefore))"
        case 1: "line \(linesBefore + 1) \(side)"
        default: "lines \(linesBefore + 1)–\(linesBefore + count) \(side)"
        }
    }

    /// Lines deleted and inserted, for the summary table.
    static func counts(old: String, new: String) -> (deleted: Int, inserted: Int) {
        LineDiff.operations(old: old, new: new).reduce(into: (0, 0)) { counts, operation in
            switch operation {
            case .delete: counts.0 += 1
            case .insert: counts.1 += 1
            case .equal: break
            }
        }
    }
}
