/// The unified format of GNU diffutils (`diff -u`; "Unified Format" in the GNU diff manual), which
/// reviewers read and `patch(1)` applies.
extension LineDiff {
    /// The unified diff of `old` and `new`, or the empty string when they are equal.
    ///
    /// Hunks show `context` unchanged lines around each change and merge when at most `2 × context`
    /// unchanged lines separate two changes, as GNU diff does. A last line without a final newline
    /// differs from the same line with one, and is followed by `\ No newline at end of file`.
    public static func unified(
        old: String,
        new: String,
        oldLabel: String = "old",
        newLabel: String = "new",
        context: Int = 3
    ) -> String {
        let oldLines = terminatedLines(old)
        let newLines = terminatedLines(new)
        let script = editScript(old: oldLines, new: newLines)
        let changes = script.indices.filter { !script[$0].isEqual }
        guard !changes.isEmpty else { return "" }
        let context = max(0, context)

        // Lines of each side before each step of the script (and after the last), for hunk headers.
        var oldLinesBefore = [0]
        var newLinesBefore = [0]
        for edit in script {
            oldLinesBefore.append(oldLinesBefore.last! + (edit.isInsert ? 0 : 1))
            newLinesBefore.append(newLinesBefore.last! + (edit.isDelete ? 0 : 1))
        }

        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunkChanges in groupedIntoHunks(changes, context: context) {
            let steps = max(0, hunkChanges.first - context)..<min(script.count, hunkChanges.last + 1 + context)
            let oldRange = hunkRange(
                start: oldLinesBefore[steps.lowerBound],
                count: oldLinesBefore[steps.upperBound] - oldLinesBefore[steps.lowerBound]
            )
            let newRange = hunkRange(
                start: newLinesBefore[steps.lowerBound],
                count: newLinesBefore[steps.upperBound] - newLinesBefore[steps.lowerBound]
            )
            output += "@@ -\(oldRange) +\(newRange) @@\n"
            for edit in script[steps] {
                switch edit {
                case .equal(let oldIndex, _): appendLine(oldLines[oldIndex], prefix: " ", to: &output)
                case .delete(let oldIndex): appendLine(oldLines[oldIndex], prefix: "-", to: &output)
                case .insert(let newIndex): appendLine(newLines[newIndex], prefix: "+", to: &output)
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

    /// Runs of change positions whose gaps of unchanged lines are at most `2 × context`.
    private static func groupedIntoHunks(_ changes: [Int], context: Int) -> [(first: Int, last: Int)] {
        var hunks: [(first: Int, last: Int)] = []
        for change in changes {
            if let open = hunks.last, change - open.last - 1 <= 2 * context {
                hunks[hunks.count - 1].last = change
            } else {
                hunks.append((change, change))
            }
        }
        return hunks
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

    private static func appendLine(_ line: Substring, prefix: Character, to output: inout String) {
        output.append(prefix)
        output += line
        if line.utf8.last != UInt8(ascii: "\n") { output += "\n\\ No newline at end of file\n" }
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
