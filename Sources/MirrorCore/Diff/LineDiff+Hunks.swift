/// Hunks: the changes of an edit script with a few unchanged lines around each, as GNU diff groups
/// them ("Unified Format" in the GNU diff manual). Shared by the unified text and the HTML report.
extension LineDiff {
    /// One line of a hunk, with its 1-based number on each side it belongs to.
    public struct HunkLine: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case context, deleted, inserted }
        public let kind: Kind
        /// The line without its `"\n"`.
        public let text: String
        public let oldNumber: Int?
        public let newNumber: Int?
    }

    /// A run of changes and their context; `oldStart` and `newStart` name the lines before the hunk
    /// on each side, so an empty side still has a position.
    public struct Hunk: Sendable, Equatable {
        public let linesBeforeOnOldSide: Int
        public let oldCount: Int
        public let linesBeforeOnNewSide: Int
        public let newCount: Int
        public let lines: [HunkLine]
    }

    /// The hunks turning `old` into `new` (lines split at `"\n"` as in `operations`), each with
    /// `context` unchanged lines around its changes; none when the texts are equal.
    public static func hunks(old: String, new: String, context: Int = 3) -> [Hunk] {
        let oldLines =
            old.isEmpty
            ? []
            : old.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { Substring($0) }
        let newLines =
            new.isEmpty
            ? []
            : new.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { Substring($0) }
        let script = editScript(old: oldLines, new: newLines)
        return hunkSpans(of: script, context: context).map { span in
            Hunk(
                linesBeforeOnOldSide: span.oldBefore,
                oldCount: span.oldCount,
                linesBeforeOnNewSide: span.newBefore,
                newCount: span.newCount,
                lines: script[span.steps].map { edit in
                    switch edit {
                    case .equal(let oldIndex, let newIndex):
                        HunkLine(
                            kind: .context,
                            text: String(oldLines[oldIndex]),
                            oldNumber: oldIndex + 1,
                            newNumber: newIndex + 1
                        )
                    case .delete(let oldIndex):
                        HunkLine(
                            kind: .deleted,
                            text: String(oldLines[oldIndex]),
                            oldNumber: oldIndex + 1,
                            newNumber: nil
                        )
                    case .insert(let newIndex):
                        HunkLine(
                            kind: .inserted,
                            text: String(newLines[newIndex]),
                            oldNumber: nil,
                            newNumber: newIndex + 1
                        )
                    }
                }
            )
        }
    }

    /// Where each hunk lies in `script`, and how many lines of each side precede and fill it. Hunks
    /// merge when at most `2 × context` unchanged lines separate two changes, as in GNU diff.
    static func hunkSpans(
        of script: [Edit],
        context: Int
    )
        -> [(steps: Range<Int>, oldBefore: Int, oldCount: Int, newBefore: Int, newCount: Int)]
    {
        let context = max(0, context)
        // Lines of each side before each step of the script (and after the last).
        var oldLinesBefore = [0]
        var newLinesBefore = [0]
        for edit in script {
            oldLinesBefore.append(oldLinesBefore.last! + (edit.isInsert ? 0 : 1))
            newLinesBefore.append(newLinesBefore.last! + (edit.isDelete ? 0 : 1))
        }
        var groups: [(first: Int, last: Int)] = []
        for change in script.indices where !script[change].isEqual {
            if let open = groups.last, change - open.last - 1 <= 2 * context {
                groups[groups.count - 1].last = change
            } else {
                groups.append((change, change))
            }
        }
        return groups.map { group in
            let steps = max(0, group.first - context)..<min(script.count, group.last + 1 + context)
            return (
                steps, oldLinesBefore[steps.lowerBound],
                oldLinesBefore[steps.upperBound] - oldLinesBefore[steps.lowerBound],
                newLinesBefore[steps.lowerBound], newLinesBefore[steps.upperBound] - newLinesBefore[steps.lowerBound]
            )
        }
    }
}
