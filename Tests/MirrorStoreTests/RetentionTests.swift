import Foundation
import MirrorCore
import MirrorStore
import Testing

/// Retention never drops current state or a prompt-bearing revision, and `verify` still passes.
@Suite struct RetentionTests {
    /// One assistant: created (prompt A), three model-only updates, a prompt change to B, one more
    /// model-only update (the current revision). Observed on consecutive days of January.
    static func store(_ directory: TemporaryDirectory) async throws -> MirrorStore {
        let store = try MirrorStore(path: directory.file("r.db"))
        try await store.write { writer in
            let account = try writer.accountID(name: "acme", provider: .telnyx, now: "2026-01-01T00:00:00.000Z")
            let first = HistoryTests.observation(prompt: "A")
            let id = try writer.insertAssistant(
                accountID: account,
                observation: first,
                at: "2026-01-01T00:00:00.000Z",
                crawlID: nil
            )
            let plan: [(ChangeKind, String, [FieldChange])] = [
                (.created, "A", []),
                (.updated, "A", [FieldChange(path: "model", oldValue: "m1", newValue: "m2", promptBearing: false)]),
                (.updated, "A", [FieldChange(path: "model", oldValue: "m2", newValue: "m3", promptBearing: false)]),
                (.updated, "A", [FieldChange(path: "model", oldValue: "m3", newValue: "m4", promptBearing: false)]),
                (.updated, "B", [FieldChange(path: "instructions", oldValue: "A", newValue: "B", promptBearing: true)]),
                (.updated, "B", [FieldChange(path: "model", oldValue: "m4", newValue: "m5", promptBearing: false)]),
            ]
            for (index, (kind, prompt, fields)) in plan.enumerated() {
                let observation = HistoryTests.observation(prompt: prompt)
                try writer.appendRevision(
                    NewRevision(
                        assistantID: id,
                        revision: index + 1,
                        kind: kind,
                        observedAt: "2026-01-0\(index + 1)T00:00:00.000Z",
                        previousObservedAt: nil,
                        providerUpdatedAt: nil,
                        contentHash: observation.contentHash,
                        changedBy: nil,
                        actorHint: nil,
                        name: "Bot",
                        prompt: prompt,
                        snapshot: observation.snapshot,
                        crawlID: nil,
                        fields: fields
                    )
                )
                try writer.updateAssistant(
                    id: id,
                    observation: observation,
                    at: "2026-01-0\(index + 1)T00:00:00.000Z",
                    crawlID: nil,
                    revision: index + 1
                )
            }
        }
        return store
    }

    @Test func pruningKeepsPromptChangesCurrentStateAndAVerifiableChain() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        let promptChangesBefore = try store.openReader().promptChanges(since: nil, until: nil, account: nil)
        let result = try #require(
            try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        )
        #expect(result.removed == 3)
        #expect(result.gaps == 1)
        let reader = try store.openReader()
        let kept = try reader.jsonRows("SELECT revision FROM revisions ORDER BY revision").compactMap(
            \.self["revision"]?.intValue
        )
        #expect(kept == [1, 5, 6])
        let promptChangesAfter = try reader.promptChanges(since: nil, until: nil, account: nil)
        #expect(promptChangesAfter.map(\.oldPrompt) == promptChangesBefore.map(\.oldPrompt))
        #expect(promptChangesAfter.map(\.newPrompt) == promptChangesBefore.map(\.newPrompt))
        let verification = try reader.verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.problem))")
        #expect(verification.head?.seq == 7)
        // A second prune finds nothing more to remove.
        #expect(
            try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-02T00:00:00.000Z") }
                == nil
        )
    }

    @Test func theCutOffIsRespected() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        let result = try #require(
            try await store.write { try $0.prune(before: "2026-01-03T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        )
        #expect(result.removed == 1)
        #expect(try store.openReader().verifyChain().isIntact)
    }

    @Test func anEditAfterAPruneIsStillFound() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        _ = try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        try HistoryTests.tamper(store, "UPDATE revisions SET prompt = 'C' WHERE revision = 5")
        #expect(try store.openReader().verifyChain().problem?.seq == 5)
    }

    @Test func aDeletionDisguisedAsAPruneGapIsFound() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        _ = try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        // The tamperer removes the prompt change (seq 5) and forges a gap for it under the real prune.
        let connection = try Connection(path: store.path, mode: .readWrite)
        let bridgeFrom = try #require(try connection.scalarString("SELECT row_hash FROM revisions WHERE seq = 1"))
        let bridgeTo = try #require(try connection.scalarString("SELECT prev_hash FROM revisions WHERE seq = 6"))
        try HistoryTests.tamper(
            store,
            """
            DROP TRIGGER history_prune_gaps_are_append_only_delete;
            DELETE FROM history_prune_gaps;
            DELETE FROM revision_fields WHERE revision_seq = 5; DELETE FROM revisions WHERE seq = 5;
            INSERT INTO history_prune_gaps VALUES (7, 2, 5, 6, '\(bridgeFrom)', '\(bridgeTo)');
            """
        )
        let result = try store.openReader().verifyChain()
        #expect(!result.isIntact)
        #expect(result.problem?.seq == 7)
        #expect(result.problem?.reason.contains("prune record") == true)
    }

    @Test func theTriggersStillRefuseDeletionsOutsideAPrune() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        _ = try await store.write { try $0.prune(before: "2026-01-03T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        let connection = try Connection(path: store.path, mode: .readWrite)
        #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM revisions WHERE seq = 3") }
        #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM history_prune_gaps") }
        #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM history_prunes") }
    }
}
