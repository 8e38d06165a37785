import Foundation
import Testing

@testable import MirrorCLI

/// The table engine: display width, fitting a terminal, piped output whole.
@Suite struct TableTests {
    static let noon = Date(timeIntervalSince1970: 1_796_385_600)  // 2026-12-04T12:00:00Z
    static let utc = TimeZone(identifier: "UTC")!

    @Test("display width: wide and fullwidth take two columns, marks and format characters none (UAX #11)")
    func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("東京") == 4)  // U+6771 U+4EAC, East_Asian_Width W
        #expect(DisplayWidth.of("ＡＢ") == 4)  // fullwidth Latin, F
        #expect(DisplayWidth.of("e\u{301}") == 1)  // combining acute, Mn
        #expect(DisplayWidth.of("\u{301}") == 0)  // a lone mark
        #expect(DisplayWidth.of("a\u{200B}b") == 2)  // ZERO WIDTH SPACE, Cf
        #expect(DisplayWidth.of("\u{20DD}") == 0)  // COMBINING ENCLOSING CIRCLE, Me
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)  // a Hangul syllable in conjoining jamo
        #expect(DisplayWidth.of("👩\u{200D}💻") == 2)  // an emoji ZWJ sequence is one cluster
        #expect(DisplayWidth.of("\u{2764}\u{FE0F}") == 2)  // VS16: emoji presentation
        #expect(DisplayWidth.of("\u{2764}") == 1)
        #expect(DisplayWidth.of("é") == 1 && DisplayWidth.of("ü") == 1)
        #expect(DisplayWidth.prefix(of: "東京タワー", fitting: 5) == "東京")
        #expect(DisplayWidth.prefix(of: "e\u{301}e\u{301}x", fitting: 2) == "e\u{301}e\u{301}")
    }

    @Test("the embedded ranges are ascending pairs, so the binary search holds")
    func rangesAreSorted() {
        for ranges in [DisplayWidth.wideRanges, DisplayWidth.zeroWidthRanges] {
            #expect(ranges.count % 2 == 0)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    static func sample() -> Table {
        var table = Table([
            .id("ACCOUNT"), TableColumn.id("PROVIDER").optional, .time("LAST CRAWL", .relative), "NAME",
            .time("SEEN"), "NOTE",
        ])
        table.append([
            "sim-interactly", "interactly", "2026-12-04T11:55:00.000Z", "東京 support desk 日本語",
            "2026-12-04T09:30:15.250Z", "a long note that says what happened during the crawl in detail",
        ])
        table.append([
            "sim-puretalk", "puretalk", "2026-12-01T08:00:00.000Z", "Cafe\u{301} helper",
            "2026-11-30T23:59:59.999Z", "-",
        ])
        return table
    }

    @Test("piped: every value whole, times as stored, aligned by display width")
    func piped() {
        let output = Self.sample().render(.piped)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].contains("2026-12-04T11:55:00.000Z") && lines[1].contains("2026-12-04T09:30:15.250Z"))
        #expect(lines[1].contains("a long note that says what happened during the crawl in detail"))
        #expect(lines[1].contains("東京 support desk 日本語"))
        // The NOTE column starts at the same display column on every line.
        let starts = zip(lines, ["NOTE", "a long note", "-"]).map { Self.column(of: $1, in: $0) }
        #expect(Set(starts).count == 1 && starts[0] != nil, "\(output)")
    }

    /// The display column at which the last occurrence of `needle` starts in `line`.
    static func column(of needle: String, in line: String) -> Int? {
        line.range(of: needle, options: .backwards).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
    }

    @Test("terminal at 80 columns: ids whole, times short, optional column dropped, last text wrapped")
    func terminalNarrow() {
        let output = Self.sample().render(.terminal(width: 80, now: Self.noon, zone: Self.utc))
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(output)")
        #expect(output.contains("sim-interactly") && output.contains("sim-puretalk"))
        #expect(!output.contains("PROVIDER  ") && output.contains("not shown at 80 columns: PROVIDER"))
        #expect(lines[1].contains("5m ago") && lines[1].contains("09:30:15"))
        let second = lines.first { $0.hasPrefix("sim-puretalk") } ?? ""
        #expect(second.contains("2026-12-01 08:00") && second.contains("2026-11-30 23:59"))
        #expect(!output.contains("2026-12-04T"))
        // The note wraps under its own column instead of being cut.
        let words = "a long note that says what happened during the crawl in detail".split(separator: " ")
        let noteText = lines.dropFirst().joined(separator: " ").split(separator: " ").map(String.init)
        #expect(words.allSatisfy { noteText.contains(String($0)) }, "\(output)")
        #expect(lines.filter { $0.hasPrefix(" ") }.count >= 1, "the note wraps: \(output)")
    }

    @Test("terminal at 62 columns: text is cut with an ellipsis, identifiers and times never")
    func terminalVeryNarrow() {
        var table = Table([.id("ASSISTANT"), "NAME", .time("OBSERVED"), "CHANGED"])
        table.append(["sim-telnyx/assistant-0f3a9c1e-77aa", "日本語のアシスタント名前", "2026-12-04T11:00:00.000Z", "prompt"])
        let output = table.render(.terminal(width: 62, now: Self.noon, zone: Self.utc))
        #expect(output.contains("sim-telnyx/assistant-0f3a9c1e-77aa"))
        #expect(output.contains("11:00:00"))
        #expect(output.contains("日本語…"), "\(output)")
    }

    @Test("terminal at 200 columns: nothing dropped or cut; CJK and combining rows line up")
    func terminalWide() {
        let output = Self.sample().render(.terminal(width: 200, now: Self.noon, zone: Self.utc))
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && !output.contains("not shown") && !output.contains("…"))
        #expect(lines[0].contains("PROVIDER"))
        let seen = zip(lines, ["SEEN", "09:30:15", "2026-11-30 23:59"]).map { Self.column(of: $1, in: $0) }
        #expect(Set(seen).count == 1 && seen[0] != nil, "\(output)")
    }

    @Test("control characters in a cell are shown, not obeyed; a bold header only with colour")
    func controlsAndColour() {
        var table = Table(["NAME"])
        table.append(["evil\u{1B}[2Jname\nnext"])
        let output = table.render(.terminal(width: 80, color: true))
        #expect(!output.contains("\u{1B}[2J") && output.contains("evil\u{241B}[2Jname next"))
        #expect(output.hasPrefix("\u{1B}[1mNAME"))
        #expect(!table.render(.piped).contains("\u{1B}"))
    }

    @Test("durations read as a person says them")
    func readableDurations() {
        #expect(Duration.nanoseconds(680_577_732).readable == "680 ms")
        #expect(Duration.milliseconds(1234).readable == "1.2 s")
        #expect(Duration.seconds(42).readable == "42 s")
        #expect(Duration.seconds(300).readable == "5m")
        #expect(Duration.seconds(5400).readable == "1h30m")
        #expect(Duration.milliseconds(-250).readable == "-250 ms")
    }
}

extension TableTests {
    @Test("when identifiers alone overflow a terminal, each row prints as a record, nothing cut")
    func records() {
        var table = Table([.id("SEQ"), .id("ASSISTANT"), "NAME", .time("OBSERVED")])
        table.append(["7", "sim-puretalk/41af3c93-f3ce-4939-bac1-757af4ab400d", "東京 desk", "2026-12-04T11:00:00.000Z"])
        let output = table.render(.terminal(width: 40, now: Self.noon, zone: Self.utc))
        #expect(
            output
                == "SEQ        7\nASSISTANT  sim-puretalk/41af3c93-f3ce-4939-bac1-757af4ab400d\nNAME       東京 desk\nOBSERVED   11:00:00"
        )
    }
}
