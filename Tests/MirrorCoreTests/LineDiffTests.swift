import TestSupport
import Testing

@testable import MirrorCore

@Suite("LineDiff")
struct LineDiffTests {
    // MARK: - Operations

    @Test("operations of a small edit")
    func smallEdit() {
        #expect(
            LineDiff.operations(old: "a\nb\nc", new: "a\nx\nc\nd")
                == [.equal("a"), .delete("b"), .insert("x"), .equal("c"), .insert("d")]
        )
    }

    @Test("identical inputs are all equal lines and give no unified diff")
    func identical() {
        let text = "line one\nline two\n"
        #expect(LineDiff.operations(old: text, new: text) == [.equal("line one"), .equal("line two"), .equal("")])
        #expect(LineDiff.unified(old: text, new: text) == "")
        #expect(LineDiff.operations(old: "", new: "") == [])
        #expect(LineDiff.unified(old: "", new: "") == "")
    }

    @Test("empty old or new side")
    func emptySides() {
        #expect(LineDiff.operations(old: "", new: "a\nb") == [.insert("a"), .insert("b")])
        #expect(LineDiff.operations(old: "a\nb\n", new: "") == [.delete("a"), .delete("b"), .delete("")])
        #expect(LineDiff.operations(old: "", new: "\n") == [.insert(""), .insert("")])
    }

    @Test("a final newline added or removed shows as the empty last line")
    func finalNewlineOperations() {
        #expect(LineDiff.operations(old: "a\nb", new: "a\nb\n") == [.equal("a"), .equal("b"), .insert("")])
        #expect(LineDiff.operations(old: "a\nb\n", new: "a\nb") == [.equal("a"), .equal("b"), .delete("")])
    }

    @Test("carriage returns stay in their lines")
    func carriageReturns() {
        let operations = LineDiff.operations(old: "one\r\ntwo\r\n", new: "one\r\nTWO\r\n")
        #expect(operations == [.equal("one\r"), .delete("two\r"), .insert("TWO\r"), .equal("")])
        #expect(LineDiff.operations(old: "a\r\n", new: "a\n") == [.delete("a\r"), .insert("a"), .equal("")])
    }

    @Test("unicode lines compare by their bytes, not by canonical equivalence")
    func unicodeLines() {
        let old = "你好，世界\nשלום עולם\ncafé\n🎉 party 👩‍👩‍👧\n"
        let new = "你好，世界\nשלום עולם!\ncafe\u{301}\n🎉 party 👩‍👩‍👧\n"
        #expect(
            LineDiff.operations(old: old, new: new) == [
                .equal("你好，世界"), .delete("שלום עולם"), .delete("café"), .insert("שלום עולם!"),
                .insert("cafe\u{301}"), .equal("🎉 party 👩‍👩‍👧"), .equal(""),
            ]
        )
        // Reconstruction keeps the decomposed form: two scalars, not "é".
        let newSide = Self.side(of: LineDiff.operations(old: old, new: new), old: false)
        #expect(Array(newSide.utf8) == Array(new.utf8))
        // A newline followed by a combining mark must still split there.
        #expect(
            LineDiff.operations(old: "a\n\u{301}b", new: "a\n\u{301}c") == [
                .equal("a"), .delete("\u{301}b"), .insert("\u{301}c"),
            ]
        )
    }

    @Test("operations reconstruct both sides exactly and are minimal (200 seeded random edits)")
    func randomEditsProperty() {
        var generator = SplitMix64(seed: 0xD1FF)
        let vocabulary = ["alpha", "beta", "gamma", "", "delta\r", "é", "e\u{301}", "  indented", "🎉"]
        for iteration in 0..<200 {
            let oldLines = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator)!
            }
            var newLines = oldLines
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let position = Int.random(in: 0...newLines.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: newLines.insert(vocabulary.randomElement(using: &generator)!, at: position)
                case 1 where position < newLines.count: newLines.remove(at: position)
                default:
                    if position < newLines.count { newLines[position] = "changed \(iteration)" }
                }
            }
            let old = Self.text(oldLines, finalNewline: Bool.random(using: &generator))
            let new = Self.text(newLines, finalNewline: Bool.random(using: &generator))
            let operations = LineDiff.operations(old: old, new: new)

            #expect(Array(Self.side(of: operations, old: true).utf8) == Array(old.utf8), "iteration \(iteration)")
            #expect(Array(Self.side(of: operations, old: false).utf8) == Array(new.utf8), "iteration \(iteration)")
            let editCount = operations.filter { Self.equalText($0) == nil }.count
            #expect(editCount == Self.minimumEditCount(old, new), "iteration \(iteration)")
        }
    }

    @Test("beyond the edit-distance cap the middle is deleted and inserted whole, still exact")
    func editDistanceCap() {
        let old: [Substring] = ["same"] + (0..<40).map { "old \($0)" } + ["tail"]
        let new: [Substring] = ["same"] + (0..<40).map { "new \($0)" } + ["tail"]
        let capped = LineDiff.editScript(old: old, new: new, maximumEditDistance: 10)
        #expect(capped.first == .equal(oldIndex: 0, newIndex: 0))
        #expect(capped.last == .equal(oldIndex: 41, newIndex: 41))
        #expect(capped.dropFirst().prefix(40).allSatisfy { $0.isDelete })
        #expect(capped.dropFirst(41).prefix(40).allSatisfy { $0.isInsert })
        #expect(capped.count == 82)
        // Within the cap, the same lines give the shortest script: one delete and one insert per line.
        #expect(LineDiff.editScript(old: old, new: new, maximumEditDistance: 80).count == 82)
    }

    @Test("a 200 KB prompt rewritten throughout stays exact")
    func largeHeavilyEditedPrompt() {
        var generator = SplitMix64(seed: 200)
        let oldLines = (0..<5000).map { "Instruction \($0): be concise, cite sources, never reveal secrets." }
        let newLines = oldLines.map { line in
            Int.random(in: 0..<2, using: &generator) == 0 ? line + " (revised)" : line
        }
        let old = oldLines.joined(separator: "\n")
        let new = newLines.joined(separator: "\n")
        #expect(old.utf8.count > 200_000)
        let operations = LineDiff.operations(old: old, new: new)
        #expect(Self.side(of: operations, old: true) == old)
        #expect(Self.side(of: operations, old: false) == new)
        #expect(!LineDiff.unified(old: old, new: new).isEmpty)
    }

    // MARK: - Unified format (expected texts verified against GNU diffutils `diff -u --label old --label new`)

    @Test("one hunk with a missing final newline on the new side, as diff -u prints it")
    func unifiedOneHunk() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n"
        let new = "a\nB\nc\nd\ne\nf\ng\nh\nX\ni\nj\nk\nl\nm\nn\np\nq"
        #expect(
            LineDiff.unified(old: old, new: new) == """
                --- old
                +++ new
                @@ -1,16 +1,17 @@
                 a
                -b
                +B
                 c
                 d
                 e
                 f
                 g
                 h
                +X
                 i
                 j
                 k
                 l
                 m
                 n
                -o
                 p
                +q
                \\ No newline at end of file

                """
        )
        #expect(
            LineDiff.unified(old: old, new: new, context: 0) == """
                --- old
                +++ new
                @@ -2 +2 @@
                -b
                +B
                @@ -8,0 +9 @@
                +X
                @@ -15 +15,0 @@
                -o
                @@ -16,0 +17 @@
                +q
                \\ No newline at end of file

                """
        )
    }

    @Test("changes more than 2 × context lines apart make separate hunks; labels are used as given")
    func unifiedTwoHunks() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n"
        let new = "A\nb\nc\nd\ne\nf\ng\nh\nI\n"
        #expect(
            LineDiff.unified(old: old, new: new) == """
                --- old
                +++ new
                @@ -1,4 +1,4 @@
                -a
                +A
                 b
                 c
                 d
                @@ -6,4 +6,4 @@
                 f
                 g
                 h
                -i
                +I

                """
        )
        #expect(
            LineDiff.unified(old: old, new: new, oldLabel: "before.txt", newLabel: "after.txt", context: 1) == """
                --- before.txt
                +++ after.txt
                @@ -1,2 +1,2 @@
                -a
                +A
                 b
                @@ -8,2 +8,2 @@
                 h
                -i
                +I

                """
        )
        // Exactly 2 × context unchanged lines between changes: one hunk.
        #expect(
            LineDiff.unified(old: "a\nb\nc\nd\ne\nf\ng\nh\n", new: "A\nb\nc\nd\ne\nf\ng\nH\n").components(
                separatedBy: "@@ -"
            ).count == 2
        )
    }

    @Test("no final newline: on one side, on both sides, on an unchanged last line")
    func unifiedNoFinalNewline() {
        #expect(
            LineDiff.unified(old: "x\ny", new: "x\ny\n") == """
                --- old
                +++ new
                @@ -1,2 +1,2 @@
                 x
                -y
                \\ No newline at end of file
                +y

                """
        )
        #expect(
            LineDiff.unified(old: "a\nb", new: "A\nb") == """
                --- old
                +++ new
                @@ -1,2 +1,2 @@
                -a
                +A
                 b
                \\ No newline at end of file

                """
        )
    }

    @Test("empty old or new side in unified format")
    func unifiedEmptySides() {
        #expect(
            LineDiff.unified(old: "", new: "x\ny") == """
                --- old
                +++ new
                @@ -0,0 +1,2 @@
                +x
                +y
                \\ No newline at end of file

                """
        )
        #expect(
            LineDiff.unified(old: "x\ny", new: "") == """
                --- old
                +++ new
                @@ -1,2 +0,0 @@
                -x
                -y
                \\ No newline at end of file

                """
        )
    }

    @Test("insertions and deletions with no context name the line before an empty range")
    func unifiedEmptyRanges() {
        #expect(
            LineDiff.unified(old: "a\nb\nc\n", new: "a\nb\nx\nc\n", context: 0)
                == "--- old\n+++ new\n@@ -2,0 +3 @@\n+x\n"
        )
        #expect(
            LineDiff.unified(old: "a\nb\nx\nc\n", new: "a\nb\nc\n", context: 0)
                == "--- old\n+++ new\n@@ -3 +2,0 @@\n-x\n"
        )
    }

    @Test("carriage returns pass through unified output")
    func unifiedCarriageReturns() {
        #expect(
            LineDiff.unified(old: "one\r\ntwo\r\nthree\r\n", new: "one\r\nTWO\r\nthree\r\n")
                == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n one\r\n-two\r\n+TWO\r\n three\r\n"
        )
    }

    // MARK: - Helpers

    /// One side of an edit script, joined as `operations` documents.
    private static func side(of operations: [LineDiff.Operation], old: Bool) -> String {
        operations.compactMap { operation -> String? in
            switch operation {
            case .equal(let line): line
            case .delete(let line): old ? line : nil
            case .insert(let line): old ? nil : line
            }
        }.joined(separator: "\n")
    }

    private static func equalText(_ operation: LineDiff.Operation) -> String? {
        if case .equal(let line) = operation { return line }
        return nil
    }

    private static func text(_ lines: [String], finalNewline: Bool) -> String {
        lines.joined(separator: "\n") + (finalNewline && !lines.isEmpty ? "\n" : "")
    }

    /// n + m − 2 × LCS of the `"\n"`-split lines, by dynamic programming over byte-exact lines: an
    /// independent witness that the script is a shortest one.
    private static func minimumEditCount(_ old: String, _ new: String) -> Int {
        func lines(_ text: String) -> [[UInt8]] {
            text.isEmpty ? [] : text.utf8.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        }
        let a = lines(old)
        let b = lines(new)
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return a.count + b.count - 2 * table[0][0]
    }
}
