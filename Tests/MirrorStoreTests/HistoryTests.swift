import Foundation
import MirrorCore
import MirrorStore
import Testing

/// The append-only triggers and the hash chain, on a real database file.
@Suite struct HistoryTests {
    /// How the populated history stores its prompts: as a span of the snapshot (chain encoding v2, what
    /// the store writes whenever the span gives the prompt back exactly), or as a copy in `prompt`
    /// (v1, as before migration 0007; kept for a prompt with a control character such as BEL).
    enum PromptForm: String, CaseIterable, Sendable {
        case span, copy

        func prompt(_ number: Int) -> String { "prompt \(number)" + (self == .copy ? "\u{7}" : "") }
    }

    /// Writes `count` revisions for one assistant through the store's own write path.
    static func populatedStore(
        _ directory: TemporaryDirectory,
        revisions count: Int = 5,
        form: PromptForm = .span
    ) async throws -> MirrorStore {
        let store = try MirrorStore(path: directory.file("h.db"))
        try await store.write { writer in
            let account = try writer.accountID(name: "acme", provider: .puretalk, now: "2026-01-01T00:00:00.000Z")
            let crawl = try writer.beginCrawl(accountID: account, now: "2026-01-01T00:00:00.000Z")
            var observation = Self.observation(prompt: form.prompt(1))
            let id = try writer.insertAssistant(
                accountID: account,
                observation: observation,
                at: "2026-01-01T00:00:00.000Z",
                crawlID: crawl
            )
            for number in 1...count {
                observation = Self.observation(prompt: form.prompt(number))
                try writer.appendRevision(
                    NewRevision(
                        assistantID: id,
                        revision: number,
                        kind: number == 1 ? .created : .updated,
                        observedAt: "2026-01-0\(min(number, 9))T00:00:00.000Z",
                        previousObservedAt: nil,
                        providerUpdatedAt: nil,
                        contentHash: observation.contentHash,
                        changedBy: nil,
                        actorHint: "owner a@example.com",
                        name: "Bot",
                        prompt: observation.prompt,
                        snapshot: observation.snapshot,
                        crawlID: crawl,
                        fields: number == 1
                            ? []
                            : [
                                FieldChange(
                                    path: "prompt",
                                    oldValue: "prompt \(number - 1)",
                                    newValue: "prompt \(number)",
                                    promptBearing: true
                                )
                            ]
                    )
                )
            }
        }
        #expect(
            try store.openReader().scalarInt("SELECT count(*) FROM revisions WHERE prompt_offset IS NOT NULL")
                == (form == .span ? count : 0)
        )
        return store
    }

    /// Bot `remoteID` saying `prompt`, with `record` (by default `{"name":"Bot","prompt":…}`) as its snapshot.
    static func observation(prompt: String, remoteID: String = "r1", record: JSONValue? = nil) -> AssistantObservation {
        let snapshot = (record ?? .object(["prompt": .string(prompt), "name": "Bot"])).canonicalText
        return AssistantObservation(
            remoteID: remoteID,
            name: "Bot",
            prompt: prompt,
            model: nil,
            voice: nil,
            greeting: nil,
            providerUpdatedAt: nil,
            snapshot: snapshot,
            contentHash: SHA256.hash(snapshot).hexString,
            changedBy: nil,
            actorHint: nil
        )
    }

    /// A raw connection for the tamperer, with the triggers out of the way.
    static func tamper(_ store: MirrorStore, _ sql: String) throws {
        let connection = try Connection(path: store.path, mode: .readWrite)
        try connection.execute(
            """
            DROP TRIGGER revisions_are_append_only_update; DROP TRIGGER revisions_are_append_only_delete;
            DROP TRIGGER revision_fields_are_append_only_update; DROP TRIGGER revision_fields_are_append_only_delete;
            """
        )
        try connection.execute(sql)
    }

    @Test(arguments: PromptForm.allCases)
    func triggersRefuseUpdateAndDeleteOfHistory(form: PromptForm) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory, form: form)
        let connection = try Connection(path: store.path, mode: .readWrite)
        for sql in [
            "UPDATE revisions SET prompt = 'edited' WHERE seq = 2", "DELETE FROM revisions WHERE seq = 2",
            "UPDATE revision_fields SET new_value = 'x'", "DELETE FROM revision_fields",
        ] {
            let error = #expect(throws: SQLiteError.self) { try connection.execute(sql) }
            #expect(error?.isConstraint == true)
            #expect(error?.message.lowercased().contains("append-only") == true)
        }
        #expect(try store.openReader().verifyChain().isIntact)
    }

    @Test(arguments: PromptForm.allCases)
    func anIntactChainVerifiesAndReportsItsHead(form: PromptForm) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory, revisions: 6, form: form)
        let result = try store.openReader().verifyChain()
        #expect(result.isIntact)
        #expect(result.checked == 6)
        #expect(result.head?.seq == 6)
        #expect(try store.openReader().chainHead() == result.head)
    }

    @Test(arguments: PromptForm.allCases)
    func oneAlteredByteIsFoundAtItsRevision(form: PromptForm) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory, form: form)
        try Self.tamper(store, "UPDATE revisions SET prompt = 'prompt 4.' WHERE seq = 4")
        let result = try store.openReader().verifyChain()
        #expect(result.problem?.seq == 4)
        #expect(result.checked == 3)
    }

    @Test func anEditedFieldChangeIsFound() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory)
        try Self.tamper(store, "UPDATE revision_fields SET old_value = 'something else' WHERE revision_seq = 3")
        #expect(try store.openReader().verifyChain().problem?.seq == 3)
    }

    @Test(arguments: PromptForm.allCases)
    func aSwappedSnapshotIsFound(form: PromptForm) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory, form: form)
        try Self.tamper(store, "UPDATE revisions SET snapshot = '{}' WHERE seq = 2")
        #expect(try store.openReader().verifyChain().problem?.seq == 2)
    }

    @Test(arguments: PromptForm.allCases)
    func aDeletedMiddleRowBreaksTheNextLink(form: PromptForm) async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory, form: form)
        try Self.tamper(
            store,
            "DELETE FROM revision_fields WHERE revision_seq = 3; DELETE FROM revisions WHERE seq = 3"
        )
        let result = try store.openReader().verifyChain()
        #expect(result.problem?.seq == 4)
        #expect(result.problem?.reason.contains("deleted or altered") == true)
    }

    @Test func aTruncatedTailIsFoundAgainstAnAnchoredHead() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory)
        let anchored = try #require(try store.openReader().chainHead())
        try Self.tamper(
            store,
            "DELETE FROM revision_fields WHERE revision_seq = 5; DELETE FROM revisions WHERE seq = 5"
        )
        // Without the anchor the shorter chain is self-consistent: that is why the head is logged.
        #expect(try store.openReader().verifyChain().isIntact)
        let result = try store.openReader().verifyChain(anchoredHead: anchored)
        #expect(result.problem?.seq == 5)
        #expect(result.problem?.reason.contains("truncated") == true)
    }

    @Test func aRecomputedChainIsFoundAgainstAnAnchoredHead() async throws {
        let directory = TemporaryDirectory()
        let store = try await Self.populatedStore(directory)
        let anchored = ChainVerification.Head(seq: 5, hash: String(repeating: "ab", count: 32))
        #expect(try store.openReader().verifyChain(anchoredHead: anchored).problem?.seq == 5)
    }
}
