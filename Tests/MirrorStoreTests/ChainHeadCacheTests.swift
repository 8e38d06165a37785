import Foundation
import MirrorCore
import MirrorStore
import TestSupport
import Testing

/// A write transaction reads the chain's head once and keeps it (`ChainHeadCache`): appends that
/// fail inside the transaction must leave it as the table is, and the next transaction must read it
/// afresh, so the chain stays whole either way.
@Suite struct ChainHeadCacheTests {
    static func revision(_ number: Int, assistantID: Int, prompt: String) -> NewRevision {
        NewRevision(
            HistoryTests.observation(prompt: prompt),
            assistantID: assistantID,
            revision: number,
            kind: number == 1 ? .created : .updated,
            observedAt: "2026-01-0\(number)T00:00:00.000Z",
            previousObservedAt: nil,
            crawlID: nil,
            fields: []
        )
    }

    /// The account `acme` and one assistant whose prompt is "A", without a revision: where the chain
    /// tests begin.
    static func acmeAssistant(
        _ writer: StoreWriter,
        provider: ProviderKind = .puretalk,
        at time: String = "t0"
    ) throws -> (account: Int, id: Int) {
        let account = try writer.accountID(name: "acme", provider: provider, now: time)
        let id = try writer.insertAssistant(
            accountID: account,
            observation: HistoryTests.observation(prompt: "A"),
            at: time,
            crawlID: nil
        )
        return (account, id)
    }

    @Test func aFailedAppendInsideTheTransactionLeavesTheChainWhole() async throws {
        let directory = TemporaryDirectory()
        let store = try MirrorStore(path: directory.file("c.db"))
        try await store.write { writer in
            let id = try Self.acmeAssistant(writer).id
            #expect(try writer.appendRevision(Self.revision(1, assistantID: id, prompt: "A")) == 1)
            // Revision 1 again: UNIQUE (assistant_id, revision) refuses the INSERT.
            #expect(throws: (any Error).self) {
                try writer.appendRevision(Self.revision(1, assistantID: id, prompt: "B"))
            }
            // An unknown assistant: refused before the INSERT.
            #expect(throws: (any Error).self) {
                try writer.appendRevision(Self.revision(2, assistantID: 999, prompt: "B"))
            }
            #expect(try writer.appendRevision(Self.revision(2, assistantID: id, prompt: "B")) == 2)
        }
        // A later transaction, after another connection appended: it must not trust an old head.
        let other = try MirrorStore(path: directory.file("c.db"))
        let third = try await other.write { writer in
            try writer.appendRevision(Self.revision(3, assistantID: 1, prompt: "C"))
        }
        let fourth = try await store.write { writer in
            try writer.appendRevision(Self.revision(4, assistantID: 1, prompt: "D"))
        }
        #expect(third == 3)
        #expect(fourth == 4)
        let verification = try store.openReader().verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.problem))")
        #expect(verification.checked == 4)
    }
}
