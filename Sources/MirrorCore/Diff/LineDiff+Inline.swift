/// Which characters of a changed line changed: what a reviewer needs to see a one-character edit in a
/// long line. The lines are compared word by word (runs of letters or digits, runs of spaces, single
/// other characters) with the same edit script as lines, then each replaced run is narrowed to the
/// characters that differ, so `colour` → `color` marks only the `u`.
extension LineDiff {
    /// A piece of a line, changed or not.
    public struct Segment: Sendable, Equatable {
        public let text: String
        public let changed: Bool
    }

    /// The segments of `old` and `new`; joining each side's texts gives back the line.
    public static func inlineChanges(old: String, new: String) -> (old: [Segment], new: [Segment]) {
        let oldTokens = tokens(old)
        let newTokens = tokens(new)
        var oldSide: [Segment] = []
        var newSide: [Segment] = []
        var deleted = ""
        var inserted = ""
        func flushReplacement() {
            let prefix = commonPrefixLength(deleted, inserted)
            let suffix = commonPrefixLength(
                String(deleted.dropFirst(prefix).reversed()),
                String(inserted.dropFirst(prefix).reversed())
            )
            for (text, side) in [(deleted, 0), (inserted, 1)] where !text.isEmpty {
                let parts = [
                    Segment(text: String(text.prefix(prefix)), changed: false),
                    Segment(text: String(text.dropFirst(prefix).dropLast(suffix)), changed: true),
                    Segment(text: String(text.suffix(suffix)), changed: false),
                ]
                if side == 0 { oldSide += parts } else { newSide += parts }
            }
            deleted = ""
            inserted = ""
        }
        for edit in editScript(old: oldTokens, new: newTokens) {
            switch edit {
            case .equal(let oldIndex, _):
                flushReplacement()
                oldSide.append(Segment(text: String(oldTokens[oldIndex]), changed: false))
                newSide.append(Segment(text: String(oldTokens[oldIndex]), changed: false))
            case .delete(let oldIndex): deleted += oldTokens[oldIndex]
            case .insert(let newIndex): inserted += newTokens[newIndex]
            }
        }
        flushReplacement()
        return (merged(oldSide), merged(newSide))
    }

    /// Words, runs of white space, and single other characters.
    static func tokens(_ line: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = line.startIndex
        func kind(_ character: Character) -> Int {
            character.isLetter || character.isNumber ? 0 : character.isWhitespace ? 1 : 2
        }
        for index in line.indices where index != line.startIndex {
            let previous = line[line.index(before: index)]
            if kind(previous) != kind(line[index]) || kind(previous) == 2 {
                tokens.append(line[start..<index])
                start = index
            }
        }
        if start != line.endIndex { tokens.append(line[start...]) }
        return tokens
    }

    /// Leading Characters the two share, compared by bytes (not canonical equivalence: `é` spelt
    /// two ways is a change to show).
    private static func commonPrefixLength(_ first: String, _ second: String) -> Int {
        zip(first, second).prefix { String($0).utf8.elementsEqual(String($1).utf8) }.count
    }

    /// Adjacent segments of the same kind as one, and no empty ones.
    private static func merged(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        for segment in segments where !segment.text.isEmpty {
            if let last = result.last, last.changed == segment.changed {
                result[result.count - 1] = Segment(text: last.text + segment.text, changed: last.changed)
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
