import Foundation
import MirrorCore
import MirrorStore
import TestSupport
import Testing

/// Migration 0007: a revision keeps its prompt only in its snapshot (a byte span, chain encoding v2),
/// every view reads it back byte for byte, the chain covers the new form, and a database with history
/// from before carries over and still verifies with both forms in one chain.
@Suite struct PromptSpanTests {
    // MARK: - Tampering with the new form

    @Test(arguments: [
        "UPDATE revisions SET prompt_offset = prompt_offset + 1 WHERE seq = 3",
        "UPDATE revisions SET prompt_length = prompt_length - 1 WHERE seq = 3",
        "UPDATE revisions SET prompt_offset = NULL, prompt_length = NULL WHERE seq = 3",
        "UPDATE revisions SET prompt_length = NULL WHERE seq = 3",
        // The old form with the true prompt: the row then reads the same, but its encoding is v1.
        """
        UPDATE revisions SET prompt = (SELECT prompt FROM revision_contents WHERE seq = 3),
            prompt_offset = NULL, prompt_length = NULL WHERE seq = 3
        """,
        "UPDATE revisions SET prompt = 'prompt 3' WHERE seq = 3",
    ])
    func anEditOfTheSpanOrThePromptColumnIsFoundAtItsRevision(_ sql: String) async throws {
        let directory = TemporaryDirectory()
        let store = try await HistoryTests.populatedStore(directory)
        let before = try store.openReader().jsonRows("SELECT prompt FROM revision_contents WHERE seq = 3")
        #expect(before == [["prompt": "prompt 3"]])
        try HistoryTests.tamper(store, sql)
        let result = try store.openReader().verifyChain()
        #expect(result.problem?.seq == 3, "\(sql)")
        #expect(result.checked == 2)
    }

    // MARK: - Reading it back

    /// Prompts over an alphabet of what escaping touches (quotes, backslashes, the letters of escapes,
    /// control characters, multi-byte characters) read back through `revision_contents` exactly, in the
    /// span form whenever their only control characters are tab, line feed and carriage return.
    @Test func randomPromptsReadBackExactlyInTheFormTheyAllow() async throws {
        let alphabet: [String] = [
            "a", " ", "\"", "\\", "n", "t", "r", "u", "0", "\n", "\t", "\r", "\u{1}", "\u{0}", "\u{8}", "é", "e\u{301}",
            "🙂", "中", "/", "\\n", "\"\"",
        ]
        var generator = SplitMix64(seed: 2026)
        let prompts =
            [""]
            + (0..<300).map { _ in
                (0..<Int.random(in: 1...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                    .joined()
            }
        let directory = TemporaryDirectory()
        let store = try MirrorStore(path: directory.file("p.db"))
        try await store.write { writer in
            let account = try writer.accountID(name: "acme", provider: .puretalk, now: "t0")
            for (index, prompt) in prompts.enumerated() {
                // The prompt also appears as a substring of another field, so the span may land there.
                let observation = HistoryTests.observation(
                    prompt: prompt,
                    remoteID: "r\(index)",
                    record: ["about": .string("x" + prompt + "y"), "config": ["instructions": .string(prompt)]]
                )
                let id = try writer.insertAssistant(
                    accountID: account,
                    observation: observation,
                    at: "t1",
                    crawlID: nil
                )
                try writer.appendRevision(
                    NewRevision(
                        observation,
                        assistantID: id,
                        revision: 1,
                        kind: .created,
                        observedAt: "t1",
                        previousObservedAt: nil,
                        crawlID: nil,
                        fields: []
                    )
                )
            }
        }
        let reader = try store.openReader()
        let rows = try reader.jsonRows(
            "SELECT c.prompt, r.prompt_offset IS NOT NULL AS span FROM revision_contents c JOIN revisions r USING (seq) ORDER BY seq"
        )
        #expect(rows.count == prompts.count)
        for (prompt, row) in zip(prompts, rows) {
            let decodable = prompt.unicodeScalars.allSatisfy {
                $0.value >= 0x20 || [0x09, 0x0A, 0x0D].contains($0.value)
            }
            #expect(row["prompt"] == .string(prompt), "\(prompt.debugDescription)")
            #expect(row["span"] == (decodable ? 1 : 0), "\(prompt.debugDescription)")
        }
        #expect(try reader.verifyChain().isIntact)
    }

    // MARK: - Carrying a database over

    /// A file at migration 0006 with history written by the old write path (prompt copies, v1),
    /// including a deletion, as `Connection` and SQL alone build it.
    static func databaseAt0006(_ path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readWrite)
        try Migrator(migrations: Migrator.embedded.filter { $0.version <= 6 }).migrate(connection)
        try connection.execute(
            """
            INSERT INTO accounts (id, name, provider, created_at) VALUES (1, 'acme', 'puretalk', 't0');
            INSERT INTO assistants (id, account_id, remote_id, name, content_hash, first_seen_at, last_seen_at, revision)
                VALUES (1, 1, 'r1', 'Bot', '', 't1', 't2', 2), (2, 1, 'r2', 'Bot', '', 't1', 't2', 2);
            """
        )
        let plan: [(assistant: Int, remoteID: String, revision: Int, kind: ChangeKind, prompt: String)] = [
            (1, "r1", 1, .created, "Greet the caller.\n\"Be kind.\""),
            (2, "r2", 1, .created, "Book a table."),
            (1, "r1", 2, .updated, "Greet the caller by name."),
            (2, "r2", 2, .deleted, "Book a table."),
        ]
        var previous = RevisionChain.genesisHash
        for (index, step) in plan.enumerated() {
            let snapshot = JSONValue.object(["name": "Bot", "prompt": .string(step.prompt)]).canonicalText
            let revision = NewRevision(
                assistantID: step.assistant,
                revision: step.revision,
                kind: step.kind,
                observedAt: "t\(step.revision)",
                previousObservedAt: nil,
                providerUpdatedAt: nil,
                contentHash: SHA256.hash(snapshot).hexString,
                changedBy: nil,
                actorHint: nil,
                name: "Bot",
                prompt: step.kind == .deleted ? nil : step.prompt,
                snapshot: snapshot,
                crawlID: nil,
                fields: []
            )
            previous = try CurrentRowMigrationTests.insertOldRevision(
                revision,
                seq: index + 1,
                remoteID: step.remoteID,
                after: previous,
                into: connection
            )
            try connection.execute(
                "UPDATE assistants SET content_hash = ? WHERE id = ?",
                [revision.contentHash, step.assistant]
            )
        }
        try connection.execute("UPDATE assistants SET deleted_at = 't2' WHERE id = 2")
        return plan.map(\.prompt)
    }

    @Test func aDatabaseWithHistoryFrom0006VerifiesWithNewRevisionsAppended() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.db")
        let prompts = try Self.databaseAt0006(path)
        // `verify --database` reads a backup as it is, before any migration.
        #expect(try MirrorReader(path: path).verifyChain().isIntact)

        let store = try MirrorStore(path: path)
        let reader = try store.openReader()
        #expect(try reader.verifyChain().isIntact)
        let prompt = "Greet warmly.\tThen \\route\\."
        try await CurrentRowMigrationTests.recordRevision3(
            of: store,
            prompt: prompt,
            fields: [FieldChange(path: "prompt", oldValue: prompts[2], newValue: prompt, promptBearing: true)]
        )
        let verification = try reader.verifyChain()
        #expect(verification.isIntact && verification.checked == 5)
        #expect(
            try reader.jsonRows(
                "SELECT prompt IS NULL AS moved, prompt_offset IS NOT NULL AS span FROM revisions ORDER BY seq"
            )
                == [
                    ["moved": 0, "span": 0], ["moved": 0, "span": 0], ["moved": 0, "span": 0], ["moved": 1, "span": 0],
                    ["moved": 1, "span": 1],
                ]
        )
        #expect(
            try reader.jsonRows("SELECT remote_id, prompt FROM assistants_current ORDER BY remote_id")
                == [
                    ["remote_id": "r1", "prompt": .string(prompt)],
                    ["remote_id": "r2", "prompt": "Book a table."],
                ]
        )
        #expect(
            try reader.jsonRows("SELECT prompt FROM assistant_revisions ORDER BY seq").map { $0["prompt"] }
                == [
                    .string(prompts[0]), .string(prompts[1]), .string(prompts[2]), .null,
                    .string(prompt),
                ]
        )
        // The old prompt of the new revision comes from a v1 row, its new prompt from its own snapshot.
        #expect(
            try reader.jsonRows("SELECT old_prompt, new_prompt FROM prompt_changes WHERE seq = 5")
                == [["old_prompt": .string(prompts[2]), "new_prompt": .string(prompt)]]
        )
        #expect(try reader.revision(assistantID: 1, number: 3).prompt == prompt)
        #expect(try reader.revision(assistantID: 1, number: 1).prompt == prompts[0])
    }

    /// 0007 recreates the views that read a revision's prompt: same columns, same order.
    @Test func theRecreatedViewsKeepTheirColumnsInOrder() throws {
        func columns(upTo version: Int) throws -> [String: [String]] {
            let directory = TemporaryDirectory()
            let connection = try Connection(path: directory.file("v\(version).db"), mode: .readWrite)
            try Migrator(migrations: Migrator.embedded.filter { $0.version <= version }).migrate(connection)
            var result: [String: [String]] = [:]
            for view in ["assistants_current", "assistant_revisions", "prompt_changes"] {
                result[view] = try connection.rows("SELECT name FROM pragma_table_info(?)", [view]) { $0.string(0)! }
            }
            return result
        }
        let before = try columns(upTo: 6)
        #expect(before.values.allSatisfy { $0.contains { $0.hasSuffix("prompt") } })
        #expect(try columns(upTo: 7) == before)
    }
}
