import Foundation
import MirrorCore
import MirrorStore
import Testing

/// `verify(after:)`: the walk continued from a head found intact earlier, as the daemon runs it after
/// each crawl; across prunes, and falling back to a whole walk when that head was pruned.
@Suite struct IncrementalChainTests {
    static func head(_ reader: MirrorReader, seq: Int) throws -> ChainVerification.Head {
        ChainVerification.Head(
            seq: seq,
            hash: try #require(try reader.scalarString("SELECT row_hash FROM revisions WHERE seq = ?", [seq]))
        )
    }

    @Test func onlyWhatFollowsTheHeadIsHashedAndItMustLinkToIt() async throws {
        let directory = TemporaryDirectory()
        let store = try await HistoryTests.populatedStore(directory)
        let reader = try store.openReader()
        let third = try Self.head(reader, seq: 3)
        let whole = try reader.verifyChain()

        let tail = try reader.verifyChain(after: third)
        #expect(tail.isIntact && tail.checked == 2 && tail.head == whole.head)
        let nothingNew = try reader.verifyChain(after: whole.head)
        #expect(nothingNew.isIntact && nothingNew.checked == 0 && nothingNew.head == whole.head)

        try HistoryTests.tamper(store, "UPDATE revisions SET prompt = 'edited' WHERE seq = 4")
        #expect(try store.openReader().verifyChain(after: third).problem?.seq == 4)
        // An edit before the start is left to the whole walk: the incremental one does not see it.
        #expect(try store.openReader().verifyChain(after: whole.head).isIntact)
        #expect(try store.openReader().verifyChain().problem?.seq == 4)
    }

    @Test func aRewrittenStartIsFound() async throws {
        let directory = TemporaryDirectory()
        let store = try await HistoryTests.populatedStore(directory)
        let head = try #require(try store.openReader().verifyChain().head)
        try HistoryTests.tamper(
            store,
            "UPDATE revisions SET row_hash = '\(String(repeating: "cd", count: 32))' WHERE seq = 5"
        )
        let result = try store.openReader().verifyChain(after: head)
        #expect(result.problem?.seq == 5)
        #expect(result.problem?.reason.contains("changed since it was verified") == true)
    }

    @Test func acrossAPruneAndFromAPrunedHead() async throws {
        let directory = TemporaryDirectory()
        let store = try await RetentionTests.store(directory)
        let reader = try store.openReader()
        let first = try Self.head(reader, seq: 1)
        let second = try Self.head(reader, seq: 2)
        let before = try #require(try reader.verifyChain().head)
        _ = try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }

        let after = try store.openReader()
        let prune = try after.verifyChain(after: before)
        #expect(prune.isIntact && prune.checked == 1 && prune.head?.seq == 7, "\(prune)")
        // Seq 5 resumes after the gap that bridges from seq 1's hash.
        let bridged = try after.verifyChain(after: first)
        #expect(bridged.isIntact && bridged.checked == 3, "\(bridged)")
        // Seq 2 was pruned: the walk starts from the beginning instead.
        let fromPruned = try after.verifyChain(after: second)
        #expect(fromPruned.isIntact && fromPruned.checked == 4, "\(fromPruned)")
    }
}
