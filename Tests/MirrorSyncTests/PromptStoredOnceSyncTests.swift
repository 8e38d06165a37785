import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import MirrorSync
import Testing

/// Through the real sync path (normalizer, engine, store): every reader of a revision's prompt gives
/// exactly the string the normalizer took from the record, whether the revision keeps it as a span of
/// its snapshot (migration 0007) or, where that cannot give it back, as a copy.
@Suite struct PromptStoredOnceSyncTests {
    /// Prompts that escaping touches, and the ones the span form leaves to the copy.
    static let prompts: [String: JSONValue] = [
        "lines": "Line one.\nLine two.\tTabbed.\r\nWindows line.",
        "escapes": #"Quote " and backslash \ and \n written out, \\ doubled, \"quoted\", ends with \"#,
        "unicode": "Caf\u{E9} e\u{301} \u{4E2D}\u{6587} \u{1F642} \u{202E}rtl",
        "empty": "",
        "null": .null,
        "same-as-name": "Bot",
        "bell": "Ring \u{7} twice",
        "nul": "Before\u{0}after",
        "backspace": "Back\u{8}space and form\u{C}feed",
    ]

    static func record(_ id: String, prompt: JSONValue?) -> RemoteRecord {
        var members: [String: JSONValue] = ["assistant_id": .string(id), "name": "Bot", "notes": "see prompt"]
        if let prompt { members["prompt"] = prompt }
        return RemoteRecord(remoteID: id, raw: .object(members))
    }

    static func puretalk() throws -> (SyncFixture, Normalizer) {
        let fixture = try SyncFixture()
        return (fixture, Normalizer(account: fixture.account(.puretalk), fingerprintKey: fixture.key))
    }

    /// One crawl of a PureTalk account whose only page is `records`.
    static func crawl(_ records: [RemoteRecord], _ fixture: SyncFixture, _ normalizer: Normalizer) async {
        let outcome = await SyncEngine(
            store: fixture.store,
            account: fixture.account(.puretalk),
            provider: OnePageProvider(records: records),
            normalizer: normalizer,
            logger: .silent()
        ).crawl()
        #expect(outcome.status == .ok, "\(outcome.error ?? "")")
    }

    /// The normalizer marks the prompt while writing the snapshot, so the span is the prompt's own
    /// bytes even when the same text comes earlier in the snapshot (here the name, which sorts first).
    @Test func theSpanIsThePromptsOwnBytesNotAnEarlierCopy() async throws {
        let (fixture, normalizer) = try Self.puretalk()
        await Self.crawl([Self.record("twin", prompt: "Bot")], fixture, normalizer)
        let row = try #require(
            try fixture.reader().jsonRows("SELECT snapshot, prompt, prompt_offset, prompt_length FROM revisions").first
        )
        let snapshot = Array(try #require(row["snapshot"]?.stringValue).utf8)
        let offset = try #require(row["prompt_offset"]?.intValue)
        #expect(row["prompt"] == .null)
        #expect(row["prompt_length"] == 3)
        #expect(snapshot.firstRange(of: Array(#""Bot""#.utf8))?.lowerBound ?? 0 < offset - 1)
        #expect(Array(snapshot[(offset - 10)..<(offset + 4)]) == Array(#""prompt":"Bot""#.utf8))
    }

    @Test func everyReaderGivesTheNormalizersPromptExactly() async throws {
        let (fixture, normalizer) = try Self.puretalk()
        var records = Self.prompts.map { Self.record($0.key, prompt: $0.value) } + [Self.record("absent", prompt: nil)]
        await Self.crawl(records, fixture, normalizer)
        // Every prompt changes once, so prompt_changes has an old and a new prompt for each.
        let first = try records.map { try normalizer.normalize($0).prompt }
        records =
            Self.prompts.map { Self.record($0.key, prompt: $0.value.stringValue.map { .string($0 + "\n2") }) }
            + [Self.record("absent", prompt: "now\tset")]
        await Self.crawl(records, fixture, normalizer)

        let reader = try fixture.reader()
        for (record, old) in zip(records, first) {
            let id = record.remoteID
            let expected = try normalizer.normalize(record).prompt
            let current = try reader.jsonRows(
                "SELECT assistant_id, prompt FROM assistants_current WHERE remote_id = ?",
                [id]
            )
            #expect(current.first?["prompt"] == expected.map(JSONValue.string) ?? .null, "\(id)")
            let revisions = try reader.jsonRows(
                "SELECT prompt FROM assistant_revisions WHERE remote_id = ? ORDER BY revision",
                [id]
            )
            #expect(
                revisions.map { $0["prompt"] } == [old, expected].map { $0.map(JSONValue.string) ?? .null },
                "\(id)"
            )
            let assistantID = try #require(current.first?["assistant_id"]?.intValue)
            #expect(try reader.revision(assistantID: assistantID, number: 2).prompt == expected, "\(id)")
            let change = try reader.jsonRows(
                "SELECT old_prompt, new_prompt FROM prompt_changes WHERE remote_id = ? AND revision = 2",
                [id]
            )
            #expect(
                change == [
                    [
                        "old_prompt": old.map(JSONValue.string) ?? .null,
                        "new_prompt": expected.map(JSONValue.string) ?? .null,
                    ]
                ],
                "\(id)"
            )
            // The form: a span exactly when the prompt has no control character but tab and line breaks.
            let decodable = expected?.unicodeScalars.allSatisfy { $0.value >= 0x20 || [9, 10, 13].contains($0.value) }
            let stored = try reader.jsonRows(
                """
                SELECT r.prompt, r.prompt_offset FROM revisions r JOIN assistants a ON a.id = r.assistant_id
                WHERE a.remote_id = ? AND r.revision = 2
                """,
                [id]
            )
            #expect(
                stored.first?["prompt"] == (decodable == true ? .null : expected.map(JSONValue.string) ?? .null),
                "\(id)"
            )
            #expect((stored.first?["prompt_offset"] != .null) == (decodable == true), "\(id)")
        }
        #expect(try reader.verifyChain().isIntact)
    }

    /// A deletion keeps the old form (its snapshot repeats the one before, whose prompt no longer
    /// applies): NULL in the revision, the last prompt in the current row, as before.
    @Test func aDeletionShowsNoPromptAndTheCurrentRowKeepsTheLastOne() async throws {
        let (fixture, normalizer) = try Self.puretalk()
        let kept = (1...3).map { Self.record("k\($0)", prompt: .string("Keep \($0).\n")) }
        await Self.crawl(kept + [Self.record("gone", prompt: "Last words.\n")], fixture, normalizer)
        await Self.crawl(kept, fixture, normalizer)
        let reader = try fixture.reader()
        #expect(
            try reader.jsonRows(
                "SELECT change_kind, prompt FROM assistant_revisions WHERE remote_id = 'gone' ORDER BY revision"
            ) == [["change_kind": "created", "prompt": "Last words.\n"], ["change_kind": "deleted", "prompt": .null]]
        )
        #expect(
            try reader.jsonRows(
                "SELECT prompt, deleted_at IS NOT NULL AS deleted FROM assistants_current WHERE remote_id = 'gone'"
            )
                == [["prompt": "Last words.\n", "deleted": 1]]
        )
        #expect(
            try fixture.count("SELECT count(*) FROM revisions WHERE change_kind = 'deleted' AND prompt_offset IS NULL")
                == 1
        )
        #expect(try reader.verifyChain().isIntact)
    }
}
