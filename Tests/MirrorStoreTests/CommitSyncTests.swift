import Foundation
import MirrorCore
import TestSupport
import Testing

@testable import MirrorStore

/// Which commits wait for the disk (`CommitSync`): every one by default (SQLite's own setting on the
/// writer connection, `PRAGMA synchronous`, reads 2, FULL); with `.whenTheChainGrows` the transaction
/// runs with NORMAL (1) and only one that appended to the hash chain has its WAL flushed by the store.
@Suite struct CommitSyncTests {
    private static func synchronous(_ store: MirrorStore) async throws -> Int? {
        try await store.withWriterConnection { try $0.scalarInt("PRAGMA synchronous") }
    }

    @Test func onlyACommitThatGrewTheChainWaitsForTheDiskWhenAsked() async throws {
        let directory = TemporaryDirectory()
        let store = try MirrorStore(path: directory.file("s.db"))
        let (account, id) = try await store.write { try ChainHeadCacheTests.acmeAssistant($0) }
        #expect(try await Self.synchronous(store) == 2)

        // Sightings only, as a crawl's page of unchanged assistants: not synced.
        try await store.write(sync: .whenTheChainGrows) { writer in
            let crawl = try writer.beginCrawl(accountID: account, now: "t1")
            try writer.recordSightings(assistantIDs: [id], page: 1, crawlID: crawl)
        }
        #expect(try await Self.synchronous(store) == 1)
        #expect(await store.walSyncs == 0)

        // A revision in the same kind of transaction: its WAL is flushed.
        try await store.write(sync: .whenTheChainGrows) { writer in
            _ = try writer.appendRevision(ChainHeadCacheTests.revision(1, assistantID: id, prompt: "A"))
        }
        #expect(await store.walSyncs == 1)

        try await store.write(sync: .whenTheChainGrows) { writer in
            _ = try writer.accountID(name: "acme", provider: .puretalk, now: "t2")
        }
        #expect(try await Self.synchronous(store) == 1)
        #expect(await store.walSyncs == 1)

        // Any other write is synced whatever it wrote.
        try await store.write { writer in
            _ = try writer.accountID(name: "acme", provider: .puretalk, now: "t3")
        }
        #expect(try await Self.synchronous(store) == 2)
        #expect(await store.walSyncs == 1)
        #expect(try store.openReader().verifyChain().isIntact)
    }

    /// A transaction that fails commits nothing and flushes nothing; the next default write is synced.
    @Test func aFailedUnsyncedTransactionChangesNothing() async throws {
        let directory = TemporaryDirectory()
        let store = try MirrorStore(path: directory.file("f.db"))
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.write(sync: .whenTheChainGrows) { writer in
                let id = try ChainHeadCacheTests.acmeAssistant(writer).id
                _ = try writer.appendRevision(ChainHeadCacheTests.revision(1, assistantID: id, prompt: "A"))
                throw Refused()
            }
        }
        #expect(await store.walSyncs == 0)
        #expect(try store.openReader().verifyChain().checked == 0)
        try await store.write { writer in
            _ = try writer.accountID(name: "acme", provider: .puretalk, now: "t1")
        }
        #expect(try await Self.synchronous(store) == 2)
    }
}
