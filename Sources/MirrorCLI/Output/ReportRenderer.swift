import Foundation
import MirrorCore

/// Renders a prompt report in each of `report`'s formats. Every format carries the chain head and the
/// result of `verify`, so a report can later be checked against the database it came from.
enum ReportRenderer {
    enum Format: String, CaseIterable {
        case text, markdown, csv, json, html
    }

    static func render(_ report: PromptReport, raw: JSONValue, as format: Format) -> String {
        switch format {
        case .text: text(report)
        case .markdown: markdown(report)
        case .csv: csv(report)
        case .json: raw.canonicalText + "\n"
        case .html: ReportHTML.render(report)
        }
    }

    static func text(_ report: PromptReport) -> String {
        var output = """
            Prompt changes, \(report.period)
            generated \(report.generatedAt); \(report.changes.count) change(s)
            chain head \(report.chainHead ?? "none"); verify: \(report.verifyDetail)

            """
        for change in report.changes {
            output += """

                == \(visible(change.assistant, keepingLineFeeds: false)) (\(change.provider)) "\(visible(change.name ?? "", keepingLineFeeds: false))" revision \(change.revision), \(change.changeKind)
                when:  \(visible(change.window + (change.providerUpdatedAt.map { "; provider updated_at \($0)" } ?? ""), keepingLineFeeds: false))
                who:   \(visible(change.who, keepingLineFeeds: false))
                field: \(change.promptFields ?? "-")

                """
            output += visible(diffText(change)) + "\n"
        }
        return output
    }

    static func markdown(_ report: PromptReport) -> String {
        var output = """
            # Prompt changes, \(report.period)

            - Generated: \(report.generatedAt)
            - Changes: \(report.changes.count)
            - Chain head: `\(report.chainHead ?? "none")`
            - Verify: \(report.verifyDetail)

            """
        for change in report.changes {
            let diff = visible(diffText(change))
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: diff) + 1))
            output += """

                ## \(markdownEscaped(change.assistant)) — \(markdownEscaped(change.name ?? "")) (revision \(change.revision), \(change.changeKind))

                - Provider: \(change.provider)
                - When: \(visible(change.window + (change.providerUpdatedAt.map { "; provider updated_at \($0)" } ?? ""), keepingLineFeeds: false))
                - Who: \(markdownEscaped(change.who))
                - Fields: \(markdownEscaped(change.promptFields ?? "-"))

                \(fence)diff
                \(diff)
                \(fence)

                """
        }
        return output
    }

    /// RFC 4180: CRLF records, every field quoted, quotes doubled; a missing value is an empty field.
    static func csv(_ report: PromptReport) -> String {
        func field(_ value: String?) -> String {
            "\"" + (value ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [PromptReport.csvColumns.map(field).joined(separator: ",")]
        for change in report.changes { lines.append(report.csvRow(change).map(field).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Excel's limit on the characters in one cell ("Excel specifications and limits"), counted in
    /// UTF-16 code units as Excel counts them.
    static let spreadsheetCellLimit = 32_767

    /// The CSV cells a spreadsheet would cut, as "row N, column NAME" (row 1 is the header). The CSV
    /// keeps them whole: RFC 4180 sets no limit, it is the audit's exact record, and splitting a value
    /// across cells would change the columns every other reader relies on.
    static func cellsOverSpreadsheetLimit(_ report: PromptReport) -> [String] {
        report.changes.enumerated().flatMap { index, change in
            zip(PromptReport.csvColumns, report.csvRow(change)).compactMap { column, value in
                (value?.utf16.count ?? 0) > spreadsheetCellLimit ? "row \(index + 2), column \(column)" : nil
            }
        }
    }

    /// The prompt's change as unified diffs: the main prompt (a creation or deletion shows it whole),
    /// then each other prompt-bearing field that changed.
    static func diffText(_ change: PromptReport.Change) -> String {
        var parts: [String] = []
        let main = LineDiff.promptText(
            old: change.oldPrompt,
            new: change.newPrompt,
            oldLabel: "prompt, revision \(change.revision - 1)",
            newLabel: "prompt, revision \(change.revision)"
        )
        if !main.isEmpty { parts.append(main) }
        for field in change.otherPromptFields {
            parts.append(
                LineDiff.promptText(
                    old: field.old,
                    new: field.new,
                    oldLabel: "\(field.path), revision \(change.revision - 1)",
                    newLabel: "\(field.path), revision \(change.revision)"
                )
            )
        }
        return parts.isEmpty ? "(no prompt text changed)" : parts.joined(separator: "\n")
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// CommonMark backslash escapes (spec §2.4) for one-line fields. By scalar, since a punctuation
    /// mark followed by a combining mark is one Character.
    static func markdownEscaped(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in visible(text, keepingLineFeeds: false).unicodeScalars {
            if "\\`*_{}[]<>()#+-.!|".unicodeScalars.contains(scalar) { output.append("\\") }
            output.append(scalar)
        }
        return String(output)
    }

    /// A provider's text made safe to read in a terminal or a page: control characters become visible
    /// instead of acting (an ESC sequence could recolour or erase lines of the report on a terminal, a CR
    /// could overprint them, ECMA-48 §5). C0 and DEL become their Unicode control pictures (U+2400 +
    /// code, U+2421), C1 becomes U+FFFD; tab stays, and so does line feed unless `keepingLineFeeds` is
    /// false (one-line fields), when it becomes ␤ (U+2424). The exact bytes are in the CSV and JSON.
    static func visible(_ text: String, keepingLineFeeds: Bool = true) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: output.append(scalar)
            case 0x0A: output.append(keepingLineFeeds ? scalar : "\u{2424}")
            case 0x00...0x1F: output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: output.append("\u{2421}")
            case 0x80...0x9F: output.append("\u{FFFD}")
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}
