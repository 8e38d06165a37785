import MirrorCore

/// The HTML report: one self-contained file (inline CSS, no script, no external resource) that an
/// auditor opens in a browser. A summary table links to each change; each change shows only the fields
/// whose text changed, as hunks with line numbers and the changed characters marked (ReportHTMLDiff).
/// It is also well-formed XML (void elements self-closed, only XML's predefined entities), so XML
/// tools can read it as XHTML: HTML5 parsers accept the `/>` (WHATWG HTML §13.1.2.1).
enum ReportHTML {
    static func render(_ report: PromptReport) -> String {
        let fields = report.changes.map(changedFields)
        var body = """
            <h1 id="top">Prompt changes, \(escape(report.period))</h1>
            <table class="meta">
            <tr><th>Generated</th><td>\(escape(report.generatedAt))</td></tr>
            <tr><th>Changes</th><td>\(report.changes.count)</td></tr>
            <tr><th>Chain head</th><td><code>\(escape(report.chainHead ?? "none"))</code></td></tr>
            <tr><th>Verify</th><td class="\(report.verified ? "ok" : "bad")">\(escape(report.verifyDetail))</td></tr>
            </table>
            \(summary(report, fields: fields))

            """
        for (index, change) in report.changes.enumerated() {
            let diffs = fields[index].compactMap { ReportHTMLDiff.render(old: $0.old, new: $0.new, label: $0.label) }
            body += """
                <section id="change-\(index + 1)">
                <h2>\(index + 1). \(escape(change.assistant)) — \(escape(change.name ?? "")) <small>revision \(change.revision), \(escape(change.changeKind))</small></h2>
                <table class="meta">
                <tr><th>Provider</th><td>\(escape(change.provider))</td></tr>
                <tr><th>When</th><td>\(escape(change.window))\(change.providerUpdatedAt.map { "; provider updated_at " + escape($0) } ?? "")</td></tr>
                <tr><th>Who</th><td>\(escape(change.who))</td></tr>
                <tr><th>Fields</th><td>\(escape(change.promptFields ?? "-"))</td></tr>
                </table>
                \(diffs.isEmpty ? "<p>(no prompt text changed)</p>" : diffs.joined(separator: "\n"))
                <p class="top"><a href="#top">↑ summary</a></p>
                </section>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>Prompt changes, \(escape(report.period))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table.meta th { text-align: left; padding-right: 1em; font-weight: 600; }
            table.summary { border-collapse: collapse; margin-top: 1em; }
            table.summary th, table.summary td { text-align: left; padding: 0.15em 0.6em; border-bottom: 1px solid #e4e4e4; }
            table.summary td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            table.summary td.fields { word-break: break-word; }
            table.summary td.id { font-family: monospace; font-size: 0.85em; white-space: nowrap; }
            table.hunks { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: monospace; font-size: 0.9em; }
            table.hunks col.n { width: 4em; } table.hunks col.s { width: 1.5em; }
            table.hunks td { vertical-align: top; white-space: pre-wrap; word-break: break-word; padding: 0 0.4em; }
            table.hunks td.n { color: #888; text-align: right; user-select: none; }
            table.hunks td.s { user-select: none; }
            tr.hunk td { background: #eef3fb; color: #456; font-family: system-ui, sans-serif; padding: 0.2em 0.4em; }
            tr.del td.code, tr.del td.s { background: #fdecec; } tr.ins td.code, tr.ins td.s { background: #e8f7e8; }
            del { background: #f5a9a9; text-decoration: none; } ins { background: #9fdf9f; text-decoration: none; }
            .ok { color: #060; } .bad { color: #a00; font-weight: 700; }
            section { margin-top: 2em; border-top: 1px solid #ccc; }
            p.top { font-size: 0.85em; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The prompt-bearing fields whose text changed: the main prompt, then the others.
    static func changedFields(_ change: PromptReport.Change) -> [(label: String, old: String, new: String)] {
        let all =
            [("prompt", change.oldPrompt ?? "", change.newPrompt ?? "")]
            + change.otherPromptFields.map { ($0.path, $0.old ?? "", $0.new ?? "") }
        return all.filter { !$0.1.utf8.elementsEqual($0.2.utf8) }
    }

    /// The contents: one row per change, linking to its section, with the lines it deleted and inserted.
    static func summary(_ report: PromptReport, fields: [[(label: String, old: String, new: String)]]) -> String {
        guard !report.changes.isEmpty else { return "<p>No prompt changed in this period.</p>" }
        var rows: [String] = []
        for (index, change) in report.changes.enumerated() {
            let counts = fields[index].map { ReportHTMLDiff.counts(old: $0.old, new: $0.new) }
            rows.append(
                "<tr><td class=\"num\"><a href=\"#change-\(index + 1)\">\(index + 1)</a></td>"
                    + "<td class=\"id\"><a href=\"#change-\(index + 1)\">\(escape(change.assistant))</a></td>"
                    + "<td>\(escape(change.name ?? ""))</td><td class=\"num\">\(change.revision)</td>"
                    + "<td>\(escape(change.changeKind))</td>"
                    + "<td class=\"num\">−\(counts.map(\.deleted).reduce(0, +)) +\(counts.map(\.inserted).reduce(0, +))</td>"
                    + "<td class=\"id\">\(escape(change.observedAt))</td>"
                    + "<td class=\"fields\">\(escape(fields[index].map(\.label).joined(separator: ", ")))</td></tr>"
            )
        }
        return """
            <table class="summary">
            <tr><th>#</th><th>Assistant</th><th>Name</th><th>Rev</th><th>Kind</th><th>Lines</th><th>Observed</th><th>Changed</th></tr>
            \(rows.joined(separator: "\n"))
            </table>
            """
    }

    /// HTML text escaping: the five characters with meaning in text and attribute values, after
    /// `ReportRenderer.visible` has shown the control characters that neither XML 1.0 (§2.2 Char) nor
    /// HTML (§13.2.3.5, a parse error) carry. By scalar, not Character: "<" followed by a combining
    /// mark is one grapheme, and must still be escaped.
    static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in ReportRenderer.visible(text).unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}
