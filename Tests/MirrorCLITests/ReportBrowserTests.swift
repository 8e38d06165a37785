import Foundation
import MirrorCore
import MirrorProtocol
import TestSupport
import Testing

@testable import MirrorCLI

/// The HTML report as an auditor sees it: hunks instead of whole prompts, unchanged fields skipped, and,
/// when Debian's `chromium` is installed, laid out by a real browser (blank lines keep their height,
/// changed characters are painted) plus a screenshot of the first screen.
@Suite struct ReportBrowserTests {
    static let chromium = "/usr/bin/chromium"

    /// A 2,000-line prompt with one character changed, and an Invent revision that changed only
    /// `actions[0].instructions`.
    static func report() throws -> PromptReport {
        let long = (1...2000).map { $0 % 7 == 0 ? "" : "Rule \($0): answer politely and briefly." }
        var edited = long
        edited[1001] = "Rule 1002: answer politely and briefly!"
        let instructions = "Ask for the order number.\n\nThen confirm the address."
        func row(_ fields: [String: JSONValue]) -> JSONValue {
            var row: [String: JSONValue] = [
                "account": "shop", "provider": "invent", "remote_id": "ast_1", "name": "Orders", "seq": 9,
                "revision": 2,
                "change_kind": "updated", "observed_at": "2026-12-04T10:00:00.000Z",
                "previous_observed_at": "2026-12-04T09:00:00.000Z", "prompt_field_changes": [],
            ]
            row.merge(fields) { $1 }
            return .object(row)
        }
        let head: JSONValue = ["seq": 9, "hash": "ab"]
        return PromptReport(
            try ReportResult(json: [
                "kind": "prompts", "generated_at": "2026-12-04T11:00:00.000Z", "chain_head": head,
                "verify": ["ok": true, "checked": 9, "head": head],
                "rows": [
                    row([
                        "old_prompt": .string(long.joined(separator: "\n")),
                        "new_prompt": .string(edited.joined(separator: "\n")), "prompt_fields": "config.instructions",
                    ]),
                    row([
                        "remote_id": "ast_2", "old_prompt": "Same prompt.", "new_prompt": "Same prompt.",
                        "prompt_fields": "actions[0].instructions",
                        "prompt_field_changes": [
                            [
                                "path": "actions[0].instructions", "old_value": .string(instructions),
                                "new_value": .string(
                                    instructions.replacingOccurrences(of: "Then", with: "Then always")
                                ),
                            ]
                        ],
                    ]),
                ],
            ])
        )
    }

    @Test("one changed character in 2,000 lines is one small hunk; an unchanged prompt is not shown")
    func hunksNotWholePrompts() throws {
        let html = ReportHTML.render(try Self.report())
        #expect(html.utf8.count < 20_000, "\(html.utf8.count) bytes")
        #expect(html.contains("lines 999–1005 before → lines 999–1005 after"))
        #expect(html.contains("answer politely and briefly<del>.</del>"))
        #expect(html.contains("answer politely and briefly<ins>!</ins>"))
        let second = try #require(html.components(separatedBy: "<section id=\"change-2\">").last)
        #expect(!second.contains("<h3>prompt</h3>") && second.contains("<h3>actions[0].instructions</h3>"))
        #expect(second.contains("Then <ins>always </ins>confirm"))
        #expect(html.contains("<a href=\"#change-2\">"))
    }

    @Test(
        "in Chromium, blank lines keep their height and changed characters are painted",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: chromium),
            "chromium is not installed (apt-get install chromium)"
        )
    )
    func realBrowser() throws {
        let directory = NSTemporaryDirectory() + "report-browser-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = ReportHTML.render(try Self.report())
        try html.write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)

        // The report has no script; a copy with one measures the layout Chromium computed.
        let probe = """
            <script>
            const rows = [...document.querySelectorAll("table.hunks tr.ctx, table.hunks tr.ins")];
            const blank = rows.filter(r => r.querySelector("td.code").textContent === "");
            const text = rows.filter(r => r.querySelector("td.code").textContent !== "");
            const painted = getComputedStyle(document.querySelector("ins")).backgroundColor;
            const out = document.createElement("pre");
            out.id = "probe";
            out.textContent = `blank=${blank.length} minBlank=${Math.min(...blank.map(r => r.getBoundingClientRect().height))} ` +
                `text=${Math.round(text[0].getBoundingClientRect().height)} ins=${painted}`;
            document.body.appendChild(out);
            </script>
            """
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>")
            .write(toFile: directory + "/probe.html", atomically: true, encoding: .utf8)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"]
        let dom = try ChildProcess.run(
            "/usr/bin/timeout",
            ["90", Self.chromium] + flags + ["--dump-dom", "file://\(directory)/probe.html"]
        )
        let measured = try #require(
            dom.outputText.firstMatch(of: #/blank=(\d+) minBlank=([\d.]+) text=(\d+) ins=([^<]+)/#),
            "\(dom.errorText)"
        )
        #expect(Int(measured.output.1)! >= 2, "blank context lines are shown")
        #expect(
            Double(measured.output.2)! >= Double(measured.output.3)! - 1,
            "a blank line is as tall as a line of text"
        )
        #expect(measured.output.4 != "rgba(0, 0, 0, 0)", "inserted characters are painted")

        let screenshot = directory + "/report.png"
        let shot = try ChildProcess.run(
            "/usr/bin/timeout",
            ["90", Self.chromium] + flags + ["--screenshot=\(screenshot)", "file://\(directory)/report.html"]
        )
        let png = try #require(FileManager.default.contents(atPath: screenshot), "\(shot.errorText)")
        // PNG signature, then the IHDR chunk's big-endian width and height (RFC 2083, §3.1 and §4.1.1).
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(Self.bigEndian(png, at: 16) == 1200 && Self.bigEndian(png, at: 20) == 900)
        #expect(png.count > 20_000, "a rendered page, not a blank one")
    }

    static func bigEndian(_ data: Data, at offset: Int) -> UInt32 {
        data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
