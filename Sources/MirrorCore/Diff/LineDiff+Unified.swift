/// The unified format of GNU diffutils (`diff -u`; "Unified Format" in the GNU diff manual), which
/// reviewers read and `patch(1)` applies.
extension LineDiff {
    /// When to print `\ No newline at end of file` after a last line without one.
    public enum MissingNewlineNote: Sendable {
        /// After each such line, as GNU diff does, so `patch(1)` reproduces the text byte for byte.
        case afterEachSide
        /// Only when one side ends in a newline and the other does not, so at most once per diff:
        /// providers' prompts seldom end in one, and a note on every diff of them says nothing.
        case onlyWhenSidesDiffer
    }

    /// A prompt field's text as shown to a person (`diff`, reports): an absent value as empty, and the
    /// missing-newline note only when the sides differ in it.
    public static func promptText(old: String?, new: String?, oldLabel: String, newLabel: String) -> String {
        unified(
            old: old ?? "",
            new: new ?? "",
            oldLabel: oldLabel,
            newLabel: newLabel,
            missingNewline: .onlyWhenSidesDiffer
        )
    }

    /// The unified diff of `old` and `new`, or the empty string when they are equal.
    ///
    /// Hunks show `context` unchanged lines around each change and merge when at most `2 × context`
    /// unchanged lines separate two changes, as GNU diff does. A last line without a final newline
    /// differs from the same line with one, and is followed by `\ No newline at end of file` as
    /// `missingNewline` says.
    public static func unified(
        old: String,
        new: String,
        oldLabel: String = "old",
        newLabel: String = "new",
        context: Int = 3,
        missingNewline: MissingNewlineNote = .afterEachSide
    ) -> String {
        let oldLines = terminatedLines(old)
        let newLines = terminatedLines(new)
        let script = editScript(old: oldLines, new: newLines)
        let spans = hunkSpans(of: script, context: context)
        guard !spans.isEmpty else { return "" }
        let bothLackIt = !old.isEmpty && !new.isEmpty && !old.hasSuffix("\n") && !new.hasSuffix("\n")
        let note = missingNewline == .afterEachSide || !bothLackIt

        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for span in spans {
            output +=
                "@@ -\(hunkRange(start: span.oldBefore, count: span.oldCount)) +\(hunkRange(start: span.newBefore, count: span.newCount)) @@\n"
            for edit in script[span.steps] {
                switch edit {
                case .equal(let oldIndex, _): appendLine(oldLines[oldIndex], prefix: " ", note: note, to: &output)
                case .delete(let oldIndex): appendLine(oldLines[oldIndex], prefix: "-", note: note, to: &output)
                case .insert(let newIndex): appendLine(newLines[newIndex], prefix: "+", note: note, to: &output)
                }
            }
        }
        return output
    }

    /// Splits after each `"\n"`, keeping it in the line, so a last line without one stays distinct.
    private static func terminatedLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var lineStart = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
            let lineEnd = text.utf8.index(after: index)
            lines.append(text[lineStart..<lineEnd])
            lineStart = lineEnd
        }
        if lineStart != text.utf8.endIndex { lines.append(text[lineStart...]) }
        return lines
    }

    /// `start,count` of a hunk header; a one-line range omits the count, and an empty range names the
    /// line before it (GNU diff manual, "Unified Format").
    private static func hunkRange(start linesBefore: Int, count: Int) -> String {
        switch count {
        case 0: "\(linesBefore),0"
        case 1: "\(linesBefore + 1)"
        default: "\(linesBefore + 1),\(count)"
        }
    }

    private static func appendLine(_ line: Substring, prefix: Character, note: Bool, to output: inout String) {
        output.append(prefix)
        output += line
        if line.utf8.last != UInt8(ascii: "\n") { output += note ? "\n\\ No newline at end of file\n" : "\n" }
    }
}

extension LineDiff.Edit {
    var isEqual: Bool {
        if case .equal = self { return true }
        return false
    }
    var isDelete: Bool {
        if case .delete = self { return true }
        return false
    }
    var isInsert: Bool {
        if case .insert = self { return true }
        return false
    }
}
