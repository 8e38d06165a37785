import Testing

@testable import MirrorCore

/// Hunks with line numbers, changed characters within a line, and the missing-newline note.
@Suite struct LineDiffHunkTests {
    @Test("a missing final newline is noted once, or not at all when both sides lack it")
    func missingNewlineOnce() {
        let reader = LineDiff.MissingNewlineNote.onlyWhenSidesDiffer
        #expect(
            LineDiff.unified(old: "a\nb", new: "A\nb", missingNewline: reader)
                == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n"
        )
        #expect(
            LineDiff.unified(old: "x\ny", new: "x\nY", missingNewline: reader)
                == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n x\n-y\n+Y\n"
        )
        let oneSide = LineDiff.unified(old: "x\ny", new: "x\ny\n", missingNewline: reader)
        #expect(oneSide.components(separatedBy: "\\ No newline at end of file").count == 2)
        #expect(LineDiff.unified(old: "x\ny", new: "x\nY").components(separatedBy: "No newline").count == 3)
    }

    @Test("hunks carry each side's line numbers and keep blank lines")
    func hunkNumbers() throws {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...20).map { "line \($0)" }
        lines[9] = "line ten"
        lines.insert("", at: 15)
        let hunks = LineDiff.hunks(old: old, new: lines.joined(separator: "\n"), context: 2)
        #expect(hunks.count == 2)
        let first = try #require(hunks.first)
        #expect(first.linesBeforeOnOldSide == 7 && first.oldCount == 5 && first.newCount == 5)
        #expect(first.lines.map(\.kind) == [.context, .context, .deleted, .inserted, .context, .context])
        #expect(first.lines[2] == .init(kind: .deleted, text: "line 10", oldNumber: 10, newNumber: nil))
        #expect(first.lines[3] == .init(kind: .inserted, text: "line ten", oldNumber: nil, newNumber: 10))
        #expect(hunks[1].lines.contains { $0.kind == .inserted && $0.text == "" && $0.newNumber == 16 })
        #expect(LineDiff.hunks(old: old, new: old).isEmpty)
    }

    @Test("within a changed line only the changed characters are marked")
    func inlineChanges() {
        let (old, new) = LineDiff.inlineChanges(old: "Use the colour red.", new: "Use the color red.")
        #expect(
            old == [
                .init(text: "Use the colo", changed: false), .init(text: "u", changed: true),
                .init(text: "r red.", changed: false),
            ]
        )
        #expect(new == [.init(text: "Use the color red.", changed: false)])
        let words = LineDiff.inlineChanges(old: "open 9 to 5 daily", new: "open 10 to 6 daily")
        #expect(words.old.filter(\.changed).map(\.text) == ["9", "5"])
        #expect(words.new.filter(\.changed).map(\.text) == ["10", "6"])
        // Composed and decomposed é differ by bytes, so the change shows.
        #expect(LineDiff.inlineChanges(old: "caf\u{E9}", new: "cafe\u{301}").new.contains { $0.changed })
        #expect(words.old.map(\.text).joined() == "open 9 to 5 daily")
    }
}
