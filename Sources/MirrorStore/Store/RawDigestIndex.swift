/// An account's live assistants by the seeded digest of the bytes they were last read from
/// (`assistants.raw_digest`, migration 0004), for a re-poll to recognise an unchanged item without
/// decoding it.
///
/// A sorted array searched by bisection: 16 bytes an assistant. The `[Int64: Int]` it replaces took
/// about 40 (a Swift dictionary keeps at most 3/4 of a power-of-two table full, and held the old table
/// and the new one while it grew), which at 100,000 assistants put a re-poll's peak RSS at 54–56 MB
/// against issue 9's 50. A page asks it 100 times, 17 steps each.
public struct RawDigestIndex: Sendable {
    private var entries: [Entry]

    private struct Entry: Sendable {
        var digest: Int64
        var assistantID: Int
    }

    public init() {
        entries = []
    }

    /// The entries `fill` adds, in any order; `expectedCount` reserves the array once.
    init(expectedCount: Int, _ fill: (_ add: (_ digest: Int64, _ assistantID: Int) -> Void) throws -> Void) rethrows {
        var entries: [Entry] = []
        entries.reserveCapacity(expectedCount)
        try fill { digest, assistantID in entries.append(Entry(digest: digest, assistantID: assistantID)) }
        entries.sort { $0.digest < $1.digest }
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    public var count: Int { entries.count }

    /// The assistant last read from bytes with this seeded digest; nil when none is.
    public subscript(digest: Int64) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].digest < digest { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].digest == digest ? entries[low].assistantID : nil
    }
}
