import Foundation
import MirrorCore
import MirrorStore
import Testing

/// Migration 0004 adds `assistants.raw_digest` to a database written before it: every row keeps its
/// values and views, its digest is unknown (NULL, the full comparison path), and the chain verifies.
@Suite struct RawDigestMigrationTests {
    @Test func aDatabaseFromBeforeTheDigestMigratesWithNoDigests() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.db")
        try CurrentRowMigrationTests.oldDatabase(path)
        do {
            let previous = try Connection(path: path, mode: .readWrite)
            try Migrator(migrations: Migrator.embedded.filter { $0.version <= 3 }).migrate(previous)
        }
        let before = try MirrorReader(path: path).jsonRows("SELECT * FROM assistants_current ORDER BY remote_id")

        let store = try MirrorStore(path: path)
        let reader = try store.openReader()
        #expect(try reader.verifyChain().isIntact)
        #expect(try reader.jsonRows("SELECT * FROM assistants_current ORDER BY remote_id") == before)
        #expect(
            try reader.jsonRows("SELECT raw_digest FROM assistants ORDER BY id") == [
                ["raw_digest": .null], ["raw_digest": .null],
            ]
        )

        // The new column takes a full 64-bit digest (stored as a signed INTEGER) and reads it back.
        try await store.write { try $0.setRawDigest(Int64.min + 1, assistantID: 1) }
        #expect(try reader.scalarInt("SELECT raw_digest FROM assistants WHERE id = 1") == Int(Int64.min + 1))
    }
}
