/// A line diff for prompts, used by the `diff` command and the audit reports.
///
/// The edit script is Myers' greedy shortest-edit-script search (E. W. Myers, "An O(ND) Difference
/// Algorithm and Its Variations", Algorithmica 1, 1986, §3 and §4). A prompt is often one long text that
/// changes a little, so the common prefix and suffix are trimmed first, and the search stops after
/// `maximumEditDistance` edits: a heavily rewritten 200 KB prompt then costs a bounded time and memory and
/// its untrimmed middle is reported as deleted and inserted whole, which is still a correct diff.
public enum LineDiff {
    /// One line of an edit script; the lines of `equal` and `delete` spell the old text, those of `equal`
    /// and `insert` the new one.
    public enum Operation: Sendable, Equatable {
        case equal(String)
        case delete(String)
        case insert(String)
    }

    /// The search gives up beyond this many inserted plus deleted lines. Myers' trace keeps one
    /// frontier per edit, O(D²) integers in all: about 16 MB at this limit.
    static let maximumEditDistance = 2000

    /// The edit script turning `old` into `new`, line by line.
    ///
    /// The texts are split at every `"\n"`, which is not part of any line; a `"\r"` before it stays in the
    /// line. A text ending in `"\n"` therefore ends with an empty line, and joining each side's lines
    /// with `"\n"` gives back `old` and `new` byte for byte. Within a run of changes, deletions come first.
    public static func operations(old: String, new: String) -> [Operation] {
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        return editScript(old: oldLines, new: newLines).map { edit in
            switch edit {
            case .equal(let oldIndex, _): .equal(String(oldLines[oldIndex]))
            case .delete(let oldIndex): .delete(String(oldLines[oldIndex]))
            case .insert(let newIndex): .insert(String(newLines[newIndex]))
            }
        }
    }

    /// Splits at each `"\n"` byte (not at `Character` boundaries, where `"\r\n"` is one character). The
    /// empty text has no lines.
    private static func splitLines(_ text: String) -> [Substring] {
        if text.isEmpty { return [] }
        return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Substring($0)
        }
    }

    /// One step of an edit script, by index into the old and new line arrays.
    enum Edit: Equatable {
        case equal(oldIndex: Int, newIndex: Int)
        case delete(oldIndex: Int)
        case insert(newIndex: Int)
    }

    /// A shortest edit script (up to `maximumEditDistance`) from `old` to `new`, deletions before
    /// insertions within each run of changes.
    static func editScript(
        old: [Substring],
        new: [Substring],
        maximumEditDistance: Int = maximumEditDistance
    ) -> [Edit] {
        // Compare small integers, not strings, in the search's inner loop.
        var identifiers: [ExactLine: Int] = [:]
        func identify(_ line: Substring) -> Int {
            let key = ExactLine(text: line)
            if let known = identifiers[key] { return known }
            identifiers[key] = identifiers.count
            return identifiers.count - 1
        }
        let oldIDs = old.map(identify)
        let newIDs = new.map(identify)

        var prefixCount = 0
        while prefixCount < oldIDs.count, prefixCount < newIDs.count, oldIDs[prefixCount] == newIDs[prefixCount] {
            prefixCount += 1
        }
        var suffixCount = 0
        while suffixCount < oldIDs.count - prefixCount, suffixCount < newIDs.count - prefixCount,
            oldIDs[oldIDs.count - 1 - suffixCount] == newIDs[newIDs.count - 1 - suffixCount]
        {
            suffixCount += 1
        }

        var script = (0..<prefixCount).map { Edit.equal(oldIndex: $0, newIndex: $0) }
        let oldMiddle = prefixCount..<(oldIDs.count - suffixCount)
        let newMiddle = prefixCount..<(newIDs.count - suffixCount)
        let middle =
            shortestEditScript(
                old: oldIDs[oldMiddle],
                new: newIDs[newMiddle],
                maximumEditDistance: maximumEditDistance
            )
            ?? oldMiddle.map { Edit.delete(oldIndex: $0) } + newMiddle.map { Edit.insert(newIndex: $0) }
        script.append(contentsOf: deletionsFirst(middle))
        let suffixOffset = newIDs.count - oldIDs.count
        script.append(
            contentsOf: (oldIDs.count - suffixCount..<oldIDs.count).map {
                Edit.equal(oldIndex: $0, newIndex: $0 + suffixOffset)
            }
        )
        return script
    }

    /// Myers' greedy forward search (§3) over slices whose indices are the lines' indices in the whole
    /// texts; nil when more than `maximumEditDistance` edits are needed. The path is recovered by keeping
    /// each step's frontier and walking back from the end: O(D²) space, which the cap bounds, so the
    /// paper's linear-space refinement (§4b) is not needed.
    private static func shortestEditScript(
        old: ArraySlice<Int>,
        new: ArraySlice<Int>,
        maximumEditDistance: Int
    ) -> [Edit]? {
        let oldCount = old.count
        let newCount = new.count
        if oldCount == 0 || newCount == 0 {
            return old.indices.map { Edit.delete(oldIndex: $0) } + new.indices.map { Edit.insert(newIndex: $0) }
        }
        let oldBase = old.startIndex
        let newBase = new.startIndex
        let limit = min(oldCount + newCount, maximumEditDistance)
        // furthest[k + offset] is the furthest x (lines of old consumed) on diagonal k = x − y.
        let offset = limit + 1
        var furthest = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d] holds furthest[−d…d] after d edits; Int32 halves the memory of a long search.
        var trace: [[Int32]] = []

        for distance in 0...limit {
            for diagonal in stride(from: -distance, through: distance, by: 2) {
                let byInsertion = reachedByInsertion(diagonal, distance: distance) { furthest[offset + $0] }
                var x = byInsertion ? furthest[offset + diagonal + 1] : furthest[offset + diagonal - 1] + 1
                var y = x - diagonal
                while x < oldCount, y < newCount, old[oldBase + x] == new[newBase + y] {
                    x += 1
                    y += 1
                }
                furthest[offset + diagonal] = x
                if x >= oldCount && y >= newCount {
                    return backtrack(
                        trace: trace,
                        end: (x, y),
                        distance: distance,
                        oldBase: oldBase,
                        newBase: newBase
                    )
                }
            }
            trace.append(furthest[(offset - distance)...(offset + distance)].map { Int32($0) })
        }
        return nil
    }

    /// Myers' choice of the edit that reaches `diagonal` after `distance` edits: an insertion from
    /// diagonal + 1 at the lowest diagonal or when that one reaches further, else a deletion from
    /// diagonal − 1. `furthest` gives the previous step's furthest x on a diagonal.
    private static func reachedByInsertion(_ diagonal: Int, distance: Int, furthest: (Int) -> Int) -> Bool {
        diagonal == -distance || (diagonal != distance && furthest(diagonal - 1) < furthest(diagonal + 1))
    }

    /// Walks the trace back from the end point: per step, the snake of equal lines, then the one edit
    /// that led onto it.
    private static func backtrack(
        trace: [[Int32]],
        end: (x: Int, y: Int),
        distance: Int,
        oldBase: Int,
        newBase: Int
    ) -> [Edit] {
        var reversed: [Edit] = []
        var (x, y) = end
        for step in stride(from: distance, through: 1, by: -1) {
            // trace[step − 1] covers diagonals −(step − 1)…(step − 1), stored from index 0.
            let frontier = trace[step - 1]
            let furthestOn = { (diagonal: Int) in Int(frontier[diagonal + step - 1]) }
            let diagonal = x - y
            let previousDiagonal =
                reachedByInsertion(diagonal, distance: step, furthest: furthestOn) ? diagonal + 1 : diagonal - 1
            let previousX = furthestOn(previousDiagonal)
            let previousY = previousX - previousDiagonal
            // The snake of equal lines that followed this step's edit.
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                reversed.append(.equal(oldIndex: oldBase + x, newIndex: newBase + y))
            }
            reversed.append(
                x == previousX ? .insert(newIndex: newBase + previousY) : .delete(oldIndex: oldBase + previousX)
            )
            x = previousX
            y = previousY
        }
        // The snake from the start, on diagonal 0.
        while x > 0 {
            x -= 1
            y -= 1
            reversed.append(.equal(oldIndex: oldBase + x, newIndex: newBase + y))
        }
        return reversed.reversed()
    }

    /// A line compared by its UTF-8 bytes. `String` equality is canonical equivalence, under which
    /// `"é"` and `"e\u{301}"` are equal; a prompt diff must show that change.
    private struct ExactLine: Hashable {
        let text: Substring

        static func == (lhs: ExactLine, rhs: ExactLine) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            let hashedInPlace: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            }
            if hashedInPlace == nil {
                Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        }
    }

    /// Reorders each run of changes so its deletions precede its insertions, as `diff -u` prints them.
    private static func deletionsFirst(_ script: [Edit]) -> [Edit] {
        var ordered: [Edit] = []
        ordered.reserveCapacity(script.count)
        var pendingInsertions: [Edit] = []
        for edit in script {
            switch edit {
            case .insert: pendingInsertions.append(edit)
            case .delete: ordered.append(edit)
            case .equal:
                ordered.append(contentsOf: pendingInsertions)
                pendingInsertions.removeAll(keepingCapacity: true)
                ordered.append(edit)
            }
        }
        ordered.append(contentsOf: pendingInsertions)
        return ordered
    }
}
