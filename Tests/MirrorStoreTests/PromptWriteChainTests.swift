import Foundation
import MirrorCore
import MirrorStore
import Testing

/// Write attempts (`prompt_writes`) share the chain with revisions and prunes.
@Suite struct PromptWriteChainTests {
    static let attempt = RevisionChain.PromptWriteEntry(
        account: "acme",
        remoteID: "r1",
        facts: WriteAttemptFacts(
            operation: "set-prompt",
            revertedTo: nil,
            requestedBy: "unix:alice (uid 1000)",
            requestedAt: "2026-01-02T12:00:00.000Z",
            reason: "shorter",
            forced: false,
            outcome: "conflict",
            providerStatus: nil,
            error: "changed at the provider",
            hashBefore: "ab",
            hashAfter: nil
        ),
        revisionSeq: nil
    )

    /// created (seq 1), a model-only update (seq 2), a refused write (seq 3), a prompt change (seq 4) and
    /// a model-only update (seq 5), on consecutive days.
    static func store(_ directory: TemporaryDirectory) async throws -> MirrorStore {
        let store = try MirrorStore(path: directory.file("w.db"))
        try await store.write { writer in
            let (account, id) = try ChainHeadCacheTests.acmeAssistant(
                writer,
                provider: .telnyx,
                at: "2026-01-01T00:00:00.000Z"
            )
            let plan: [(ChangeKind, String, FieldChange?)] = [
                (.created, "A", nil),
                (.updated, "A", FieldChange(path: "model", oldValue: "m1", newValue: "m2", promptBearing: false)),
                (.updated, "B", FieldChange(path: "instructions", oldValue: "A", newValue: "B", promptBearing: true)),
                (.updated, "B", FieldChange(path: "model", oldValue: "m2", newValue: "m3", promptBearing: false)),
            ]
            for (index, (kind, prompt, field)) in plan.enumerated() {
                if index == 2 { #expect(try writer.appendPromptWrite(Self.attempt, accountID: account) == 3) }
                let observation = HistoryTests.observation(prompt: prompt)
                let day = "2026-01-0\(index + 1)T00:00:00.000Z"
                try writer.appendRevision(
                    NewRevision(
                        observation,
                        assistantID: id,
                        revision: index + 1,
                        kind: kind,
                        observedAt: day,
                        previousObservedAt: nil,
                        crawlID: nil,
                        fields: field.map { [$0] } ?? []
                    )
                )
                try writer.updateAssistant(id: id, observation: observation, at: day, crawlID: nil, revision: index + 1)
            }
        }
        return store
    }

    @Test func anAttemptTakesTheNextSeqAndVerifies() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        let reader = try store.openReader()
        #expect(try reader.jsonRows("SELECT seq FROM prompt_writes") == [["seq": 3]])
        let verification = try reader.verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.problem))")
        #expect(verification.checked == 5)
    }

    /// The pruned revision is followed by the write attempt: the prune's gap must resume there.
    @Test func aPruneBeforeAnAttemptBridgesToIt() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        let result = try #require(
            try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        )
        #expect(result.removed == 1)
        let reader = try store.openReader()
        #expect(try reader.jsonRows("SELECT resume_seq FROM history_prune_gaps") == [["resume_seq": 3]])
        let verification = try reader.verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.problem))")
    }

    @Test func aDeletedAttemptIsFound() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.store(directory)
        let connection = try Connection(path: store.path, mode: .readWrite)
        try connection.execute("DROP TRIGGER prompt_writes_are_append_only_delete")
        try connection.execute("DELETE FROM prompt_writes WHERE seq = 3")
        #expect(try store.openReader().verifyChain().problem?.seq == 4)
    }
}
