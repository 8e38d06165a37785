import MirrorCore

/// The HTML report: one self-contained file (inline CSS, no script, no external resource) that an
/// auditor opens in a browser, with each prompt change side by side, deletions and insertions marked.
/// It is also well-formed XML (void elements self-closed, only XML's predefined entities), so XML
/// tools can read it as XHTML: HTML5 parsers accept the `/>` (WHATWG HTML §13.1.2.1).
enum ReportHTML {
    static func render(_ report: PromptReport) -> String {
        var body = """
            <h1>Prompt changes, \(escape(report.period))</h1>
            <table class="meta">
            <tr><th>Generated</th><td>\(escape(report.generatedAt))</td></tr>
            <tr><th>Changes</th><td>\(report.changes.count)</td></tr>
            <tr><th>Chain head</th><td><code>\(escape(report.chainHead ?? "none"))</code></td></tr>
            <tr><th>Verify</th><td class="\(report.verified ? "ok" : "bad")">\(escape(report.verifyDetail))</td></tr>
            </table>

            """
        for change in report.changes {
            body += """
                <section>
                <h2>\(escape(change.assistant)) — \(escape(change.name ?? "")) <small>revision \(change.revision), \(escape(change.changeKind))</small></h2>
                <table class="meta">
                <tr><th>Provider</th><td>\(escape(change.provider))</td></tr>
                <tr><th>When</th><td>\(escape(change.window))\(change.providerUpdatedAt.map { "; provider updated_at " + escape($0) } ?? "")</td></tr>
                <tr><th>Who</th><td>\(escape(change.who))</td></tr>
                <tr><th>Fields</th><td>\(escape(change.promptFields ?? "-"))</td></tr>
                </table>
                \(sideBySide(old: change.oldPrompt ?? "", new: change.newPrompt ?? "", label: "prompt"))
                \(change.otherPromptFields.map { sideBySide(old: $0.old ?? "", new: $0.new ?? "", label: $0.path) }.joined(separator: "\n"))
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
            table.diff { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: monospace; font-size: 0.9em; }
            table.diff td { vertical-align: top; white-space: pre-wrap; word-break: break-word; padding: 0 0.5em; border-left: 1px solid #ddd; }
            td.del { background: #fdd; } td.ins { background: #dfd; } td.gap { background: #f4f4f4; }
            .ok { color: #060; } .bad { color: #a00; font-weight: 700; }
            section { margin-top: 2em; border-top: 1px solid #ccc; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Old on the left, new on the right: equal lines face each other; a run of deletions faces the run
    /// of insertions that replaced it.
    static func sideBySide(old: String, new: String, label: String) -> String {
        var rows: [String] = []
        var deleted: [String] = []
        var inserted: [String] = []
        func flush() {
            for index in 0..<max(deleted.count, inserted.count) {
                let left =
                    index < deleted.count
                    ? "<td class=\"del\">\(escape(deleted[index]))</td>" : "<td class=\"gap\"></td>"
                let right =
                    index < inserted.count
                    ? "<td class=\"ins\">\(escape(inserted[index]))</td>" : "<td class=\"gap\"></td>"
                rows.append("<tr>\(left)\(right)</tr>")
            }
            deleted = []
            inserted = []
        }
        for operation in LineDiff.operations(old: old, new: new) {
            switch operation {
            case .equal(let line):
                flush()
                rows.append("<tr><td>\(escape(line))</td><td>\(escape(line))</td></tr>")
            case .delete(let line): deleted.append(line)
            case .insert(let line): inserted.append(line)
            }
        }
        flush()
        return
            "<h3>\(escape(label))</h3>\n<table class=\"diff\"><tr><th>before</th><th>after</th></tr>\(rows.joined(separator: "\n"))</table>"
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
