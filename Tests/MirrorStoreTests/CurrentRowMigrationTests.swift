import Foundation
import MirrorCore
import MirrorStore
import Testing

/// Migration 0003 carries a database written by the old schema (prompt and snapshot copied into the
/// current row) over: the copies go, the views keep their columns and values, and `verify` still
/// passes over the revisions written before it.
@Suite struct CurrentRowMigrationTests {
    static let old = Migrator(migrations: Migrator.embedded.filter { $0.version <= 2 })

    /// Two assistants as the old write path stored them: one updated, one deleted after its creation.
    static func oldDatabase(_ path: String) throws {
        let connection = try Connection(path: path, mode: .readWrite)
        try old.migrate(connection)
        try connection.execute(
            "INSERT INTO accounts (id, name, provider, created_at) VALUES (1, 'acme', 'puretalk', 't0')"
        )
        let plan: [(assistant: Int, remoteID: String, revision: Int, kind: ChangeKind, prompt: String)] = [
            (1, "r1", 1, .created, "Greet the caller."),
            (2, "r2", 1, .created, "Book a table."),
            (1, "r1", 2, .updated, "Greet the caller by name."),
            (2, "r2", 2, .deleted, "Book a table."),
        ]
        var previous = RevisionChain.genesisHash
        for (index, step) in plan.enumerated() {
            let snapshot = JSONValue.object(["name": "Bot", "prompt": .string(step.prompt)]).canonicalText
            let contentHash = SHA256.hash(snapshot).hexString
            let prompt = step.kind == .deleted ? nil : step.prompt
            if step.revision == 1 {
                try connection.execute(
                    """
                    INSERT INTO assistants (id, account_id, remote_id, name, prompt, content_hash, snapshot, first_seen_at,
                        last_seen_at, revision) VALUES (?, 1, ?, 'Bot', ?, ?, ?, 't1', 't1', 1)
                    """,
                    [step.assistant, step.remoteID, step.prompt, contentHash, snapshot]
                )
            } else {
                try connection.execute(
                    """
                    UPDATE assistants SET prompt = coalesce(?, prompt), content_hash = ?, snapshot = ?, revision = ?,
                        last_seen_at = 't2', deleted_at = ? WHERE id = ?
                    """,
                    [
                        prompt, contentHash, snapshot, step.revision, step.kind == .deleted ? "t2" : nil,
                        step.assistant,
                    ]
                )
            }
            let revision = NewRevision(
                assistantID: step.assistant,
                revision: step.revision,
                kind: step.kind,
                observedAt: "t\(step.revision)",
                previousObservedAt: nil,
                providerUpdatedAt: nil,
                contentHash: contentHash,
                changedBy: nil,
                actorHint: nil,
                name: "Bot",
                prompt: prompt,
                snapshot: snapshot,
                crawlID: nil,
                fields: []
            )
            previous = try Self.insertOldRevision(
                revision,
                seq: index + 1,
                remoteID: step.remoteID,
                after: previous,
                into: connection
            )
        }
    }

    /// Records revision 3 of assistant 1 (r1, last seen at t2) at t3 through the store's write path.
    static func recordRevision3(of store: MirrorStore, prompt: String, fields: [FieldChange] = []) async throws {
        try await store.write { writer in
            let observation = HistoryTests.observation(prompt: prompt)
            try writer.updateAssistant(id: 1, observation: observation, at: "t3", crawlID: nil, revision: 3)
            try writer.appendRevision(
                NewRevision(
                    observation,
                    assistantID: 1,
                    revision: 3,
                    kind: .updated,
                    observedAt: "t3",
                    previousObservedAt: "t2",
                    crawlID: nil,
                    fields: fields
                )
            )
        }
    }

    /// Inserts `revision` of account acme's assistant `remoteID` as the write path before migration 0007
    /// did (the prompt copied, chain encoding v1); returns its row hash.
    static func insertOldRevision(
        _ revision: NewRevision,
        seq: Int,
        remoteID: String,
        after previous: String,
        into connection: Connection
    ) throws -> String {
        let hash = RevisionChain.rowHash(
            previousHash: previous,
            entry: .init(seq: seq, account: "acme", provider: "puretalk", remoteID: remoteID, revision: revision)
        )
        try connection.execute(
            """
            INSERT INTO revisions (seq, assistant_id, revision, change_kind, observed_at, content_hash, name, prompt,
                snapshot, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                seq, revision.assistantID, revision.revision, revision.kind.rawValue, revision.observedAt,
                revision.contentHash, revision.name, revision.prompt, revision.snapshot, previous, hash,
            ]
        )
        return hash
    }

    @Test func anOldDatabaseMigratesKeepsItsViewsAndStillVerifies() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.db")
        try Self.oldDatabase(path)
        #expect(try MirrorReader(path: path).verifyChain().isIntact)

        let store = try MirrorStore(path: path)
        let reader = try store.openReader()
        #expect(try reader.verifyChain().isIntact)
        let current = try reader.jsonRows(
            "SELECT remote_id, prompt, revision, deleted_at FROM assistants_current ORDER BY remote_id"
        )
        #expect(current.map { $0["prompt"] } == ["Greet the caller by name.", "Book a table."])
        #expect(current.map { $0["deleted_at"] } == [.null, "t2"])
        let columns = try reader.jsonRows("SELECT name FROM pragma_table_info('assistants')").compactMap {
            $0["name"]?.stringValue
        }
        #expect(!columns.contains("prompt") && !columns.contains("snapshot"))

        // The write path goes on from the migrated head: a new revision chains onto the old ones.
        try await Self.recordRevision3(of: store, prompt: "Greet warmly.")
        #expect(try reader.verifyChain().isIntact)
        #expect(
            try reader.jsonRows("SELECT prompt, last_seen_at FROM assistants_current WHERE remote_id = 'r1'").first
                == ["prompt": "Greet warmly.", "last_seen_at": "t3"]
        )
    }
}
