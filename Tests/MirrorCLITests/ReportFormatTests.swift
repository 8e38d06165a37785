import Foundation
import MirrorCore
import MirrorProtocol
import MirrorSimulator
import Testing

@testable import MirrorCLI

/// Each format of `report prompts`, read back by an independent reader, over a database the simulator
/// filled through all four providers, with prompts chosen to break naive writers.
@Suite struct ReportFormatTests {
    /// design.md: report rows (CSV columns, JSON keys) include these, in this order.
    static let documentedColumns = [
        "account", "provider", "remote_id", "revision", "observed_at", "previous_observed_at", "provider_updated_at",
        "changed_by", "actor_hint", "old_prompt", "new_prompt",
    ]

    /// A report cell as text: strings as they are, numbers as written, null as the empty field.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .number(let literal)?: literal
        case .bool(let flag)?: flag ? "true" : "false"
        case .array?, .object?: value!.canonicalText
        case .null?, nil: ""
        }
    }

    static func chainHead(_ result: JSONValue) throws -> String {
        let seq = try #require(result["chain_head"]?["seq"]?.intValue)
        return "\(seq):\(try #require(result["chain_head"]?["hash"]?.stringValue))"
    }

    @Test func csvReadsBackByteForByteWithPython() async throws {
        let database = try await ReportTestDatabase.withTrickyPrompts()
        let result = try database.report()
        let rows = try #require(result["rows"]?.arrayValue)
        let file = database.directory + "/report.csv"
        try Data(database.render(result, as: .csv).utf8).write(to: URL(fileURLWithPath: file))

        let records = try IndependentReader.pythonCSV(file)
        let header = records[0].map { String(decoding: $0, as: UTF8.self) }
        #expect(
            header.filter(Self.documentedColumns.contains) == Self.documentedColumns,
            "documented columns, in order"
        )
        #expect(Set(header).count == header.count)
        #expect(records.count == rows.count + 1, "one record per change")
        let head = try Self.chainHead(result)
        for (row, record) in zip(rows, records.dropFirst()) {
            #expect(record.count == header.count)
            for (column, field) in zip(header, record) {
                let expected: String
                switch column {
                case "report_chain_head": expected = head
                case "report_verified": expected = "true"
                default: expected = Self.cell(row[column])
                }
                #expect(
                    field == expected.bytes,
                    "\(column) of \(Self.cell(row["account"]))/\(Self.cell(row["remote_id"])) r\(Self.cell(row["revision"]))"
                )
            }
        }
        // The tricky texts went through as new prompts in round 3 and old prompts in round 4.
        let newPromptColumn = try #require(header.firstIndex(of: "new_prompt"))
        let oldPromptColumn = try #require(header.firstIndex(of: "old_prompt"))
        for prompt in ReportTestDatabase.trickyPrompts.values {
            #expect(records.contains { $0[newPromptColumn] == prompt.bytes })
            #expect(records.contains { $0[oldPromptColumn] == prompt.bytes })
        }
    }

    @Test func jsonParsesAndCarriesRowsChainHeadAndVerify() async throws {
        let database = try await ReportTestDatabase.withTrickyPrompts()
        let result = try database.report()
        let text = try database.render(result, as: .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(parsed["rows"] as? [[String: Any]])
        #expect(rows.count == result["rows"]?.arrayValue?.count)
        let head = try #require(parsed["chain_head"] as? [String: Any])
        #expect("\(head["seq"]!):\(head["hash"]!)" == (try Self.chainHead(result)))
        let verify = try #require(parsed["verify"] as? [String: Any])
        #expect(verify["ok"] as? Bool == true)
        #expect(verify["problem"] is NSNull)
        for key in Self.documentedColumns { #expect(rows.allSatisfy { $0.keys.contains(key) }, "every row has \(key)") }
        let newPrompts = rows.compactMap { $0["new_prompt"] as? String }
        for prompt in ReportTestDatabase.trickyPrompts.values {
            #expect(newPrompts.contains { $0.bytes == prompt.bytes })
        }
    }

    @Test func htmlIsWellFormedSelfContainedAndEscapesEveryPrompt() async throws {
        let database = try await ReportTestDatabase.withTrickyPrompts()
        let result = try database.report()
        let report = PromptReport(try ReportResult(json: result))
        let html = try database.render(result, as: .html)
        let elements = try IndependentReader.xhtml(html)

        #expect(elements.first?.name == "html")
        #expect(elements.contains { $0.name == "meta" && $0.attributes["charset"]?.lowercased() == "utf-8" })
        let active = ["script", "link", "img", "iframe", "object", "embed", "base", "form", "svg"]
        #expect(!elements.contains { active.contains($0.name.lowercased()) }, "no script and no external resource")
        #expect(
            !elements.contains {
                $0.attributes.keys.contains { ["src", "srcset", "action"].contains($0.lowercased()) }
            }
        )
        // Links only within the page (the summary's links to each change), each to an element that exists.
        let ids = Set(elements.compactMap { $0.attributes["id"] })
        let links = elements.compactMap { $0.attributes.first { $0.key.lowercased() == "href" }?.value }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") && ids.contains(String($0.dropFirst())) })
        #expect(
            !elements.contains { $0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } },
            "no event handlers"
        )
        let style = elements.filter { $0.name == "style" }.map(\.text).joined()
        #expect(!style.contains("url(") && !style.contains("@import"))

        // Every line of every prompt is cell text (never markup), its control characters shown.
        let cells = Set(elements.filter { $0.name == "td" }.map(\.allText))
        for change in report.changes {
            for prompt in [change.oldPrompt, change.newPrompt].compactMap({ $0 }) {
                for line in prompt.lines where !line.isEmpty {
                    #expect(
                        cells.contains(Self.shown(line)),
                        "line of \(change.assistant) r\(change.revision): \(line)"
                    )
                }
            }
        }
        let tricky = try #require(ReportTestDatabase.trickyPrompts[.invent])
        #expect(cells.contains(tricky), "the <script> prompt comes out as text")
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"))
        #expect(!Self.hasRawControls(html))
        let headCell = elements.filter { $0.name == "code" }.map(\.text)
        #expect(headCell.contains(try Self.chainHead(result)))
    }

    /// How the human formats show a prompt line: tab and line feed as they are, every other control
    /// character as its Unicode control picture (U+2400 + code, U+2421 for DEL), C1 controls as U+FFFD,
    /// so that none can act on a terminal or break XML.
    static func shown(_ line: String) -> String {
        String(
            String.UnicodeScalarView(
                line.unicodeScalars.map { scalar in
                    switch scalar.value {
                    case 0x09, 0x0A: scalar
                    case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)!
                    case 0x7F: "\u{2421}"
                    case 0x80..<0xA0: "\u{FFFD}"
                    default: scalar
                    }
                }
            )
        )
    }

    /// True when `output` holds a control character other than tab and line feed.
    static func hasRawControls(_ output: String) -> Bool {
        output.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F..<0xA0).contains(scalar.value)
        }
    }

    @Test func textSaysWhatWhenWhoAndTheDiffForEachChange() async throws {
        let database = try await ReportTestDatabase.withTrickyPrompts()
        let result = try database.report()
        let report = PromptReport(try ReportResult(json: result))
        let text = try database.render(result, as: .text)
        #expect(text.contains(try Self.chainHead(result)))
        #expect(text.contains("verify: intact"))
        #expect(!Self.hasRawControls(text), "no escape sequence or carriage return reaches the terminal")
        let interactly = try #require(ReportTestDatabase.trickyPrompts[.interactly])
        #expect(text.includes("+" + Self.shown(interactly.lines[2])), "the ESC and BEL are shown, not sent")
        let blocks = text.components(separatedBy: "\n== ").dropFirst()
        #expect(blocks.count == report.changes.count)
        for (change, block) in zip(report.changes, blocks) {
            try Self.expectDescribes(change, in: block, unescape: { $0 })
        }
        #expect(report.changes.contains { $0.changedBy == nil && $0.actorHint != nil }, "some change has only a hint")
        #expect(
            report.changes.contains { $0.providerUpdatedAt != nil }
                && report.changes.contains { $0.providerUpdatedAt == nil }
        )
    }

    @Test func markdownPicksAFenceLongerThanAnyBacktickRunInThePrompt() async throws {
        let database = try await ReportTestDatabase.withTrickyPrompts()
        let result = try database.report()
        let report = PromptReport(try ReportResult(json: result))
        let markdown = try database.render(result, as: .markdown)
        #expect(markdown.contains("`\(try Self.chainHead(result))`"))
        #expect(!Self.hasRawControls(markdown))
        let blocks = markdown.components(separatedBy: "\n## ").dropFirst()
        #expect(blocks.count == report.changes.count)
        for (change, block) in zip(report.changes, blocks) {
            try Self.expectDescribes(change, in: block, unescape: Self.commonMarkUnescaped)
            // The fenced block: an opening fence of N ≥ 3 backticks, and the first line that is exactly N
            // backticks closes it (CommonMark 0.31 §4.5); nothing but the diff may be inside.
            let lines = block.lines
            let opening = try #require(lines.firstIndex { $0.hasPrefix("```") && $0.hasSuffix("diff") })
            let fence = String(lines[opening].dropLast("diff".count))
            #expect(fence.allSatisfy { $0 == "`" })
            let closing = try #require(
                lines[(opening + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(fence) }
            )
            #expect(
                lines[closing] == fence,
                "\(change.assistant) r\(change.revision): the diff is not cut short by a backtick run"
            )
            #expect(lines[(closing + 1)...].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty })
            let inside = lines[(opening + 1)..<closing].joined(separator: "\n")
            for added in Self.addedLines(change) { #expect(inside.includes("+" + Self.shown(added))) }
        }
        let telnyx = try #require(report.changes.first { $0.newPrompt == ReportTestDatabase.trickyPrompts[.telnyx] })
        #expect(
            markdown.contains("\n`````diff\n"),
            "four backticks in \(telnyx.assistant)'s prompt call for a fence of five"
        )
    }

    /// Lines of the new main prompt that the old one did not have.
    static func addedLines(_ change: PromptReport.Change) -> [String] {
        let old = Set((change.oldPrompt ?? "").lines)
        return (change.newPrompt ?? "").lines.filter { !$0.isEmpty && !old.contains($0) }
    }

    /// CommonMark backslash escapes (spec §2.4): a backslash before ASCII punctuation stands for it.
    static func commonMarkUnescaped(_ text: String) -> String {
        var output = ""
        var escaping = false
        for character in text {
            if !escaping, character == "\\" {
                escaping = true
                continue
            }
            if escaping, !(character.isASCII && character.isPunctuation || character.isASCII && character.isSymbol) {
                output.append("\\")
            }
            escaping = false
            output.append(character)
        }
        return output
    }

    /// One change's block names the assistant, account and provider, the observation window, the
    /// provider's updated_at when known, who (a hint labelled as such), and the diff.
    static func expectDescribes(_ change: PromptReport.Change, in block: String, unescape: (String) -> String) throws {
        let label = "\(change.assistant) r\(change.revision)"
        let plain = unescape(block)
        for fact in [change.account, change.remoteID, change.provider, change.observedAt, change.name ?? ""] {
            #expect(plain.contains(fact), "\(label): \(fact)")
        }
        if let previous = change.previousObservedAt {
            let window = try #require(plain.range(of: previous), "\(label): window start \(previous)")
            #expect(
                plain[window.upperBound...].contains(change.observedAt),
                "\(label): the window runs from the previous observation to this one"
            )
        }
        if let updated = change.providerUpdatedAt { #expect(plain.contains(updated), "\(label): provider updated_at") }
        let whoLine = try #require(
            plain.lines.first { line in
                ["who", "- who"].contains { line.lowercased().hasPrefix($0) }
            },
            "\(label): who"
        )
        if let editor = change.changedBy {
            #expect(whoLine.contains(editor))
        } else if let hint = change.actorHint {
            #expect(
                whoLine.contains(hint) && whoLine.contains("hint") && whoLine.contains("not the editor"),
                "\(label): \(whoLine)"
            )
            let value = whoLine.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            #expect(!value.hasPrefix(hint), "\(label): a hint is never presented as the editor")
        } else {
            #expect(whoLine.contains("unknown"))
        }
        for added in addedLines(change) { #expect(block.includes("+" + shown(added)), "\(label): diff line +\(added)") }
    }
}
