import TestSupport
import Testing

@testable import MirrorStore

/// The re-poll's digest index is a sorted array searched by bisection: every digest it was given is
/// found with its assistant, at the ends of the Int64 range too, and no other digest is.
@Suite struct RawDigestIndexTests {
    @Test(arguments: [0, 1, 2, 3, 100, 4097])
    func findsExactlyTheDigestsItHolds(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 0x1D)
        var digests = Set<Int64>()
        while digests.count < count { digests.insert(Int64(bitPattern: generator.next())) }
        if count >= 3 { digests.formUnion([.min, .max, 0]) }
        let held = Array(digests)
        let index = RawDigestIndex(expectedCount: held.count) { add in
            for (assistantID, digest) in held.enumerated() { add(digest, assistantID) }
        }
        #expect(index.count == held.count)
        #expect(index.isEmpty == held.isEmpty)
        for (assistantID, digest) in held.enumerated() {
            #expect(index[digest] == assistantID)
        }
        for _ in 0..<1000 {
            let other = Int64(bitPattern: generator.next())
            if !digests.contains(other) { #expect(index[other] == nil) }
        }
        for neighbour in held.flatMap({ [$0 &+ 1, $0 &- 1] }) where !digests.contains(neighbour) {
            #expect(index[neighbour] == nil)
        }
    }
}
