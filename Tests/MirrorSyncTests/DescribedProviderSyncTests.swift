import Foundation
import MirrorCore
import MirrorSimulator
import Testing

/// Issue 15's proof: an assistant API the code has never heard of (the simulator's OpenAI-style fifth
/// API: cursor paging, `created_at` in Unix seconds, no `updated_at`, a secret in `metadata`) is
/// mirrored purely from a description in the configuration, under the change rules the built-ins obey;
/// and Interactly, when its real shape differs from the assumed one, is fixed by a config override.
@Suite struct DescribedProviderSyncTests {
    /// Loads `sections` as a configuration file and returns its one account.
    private static func account(_ fixture: SyncFixture, _ sections: String) throws -> AccountConfiguration {
        let path = fixture.directory + "/described-\(UUID().uuidString).ini"
        try "[mirror]\ndatabase = mirror.db\n\n\(sections)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return try #require(try ConfigurationLoader.load(path: path).accounts.first)
    }

    private static func openAIStyleAccount(_ fixture: SyncFixture) throws -> AccountConfiguration {
        try account(
            fixture,
            """
            [provider "openai-style"]
            list-path = /v1/assistants
            get-path = /v1/assistants/{id}
            paging = cursor
            page-parameter = after
            size-parameter = limit
            max-size = 100
            items = data
            cursor-field = last_id
            more-field = has_more
            prompt = instructions
            secrets = metadata

            [account "described"]
            provider = openai-style
            base-url = \(fixture.simulator.baseURL(for: .openAIStyle).absoluteString)
            api-key-env = UNUSED
            page-size = 3
            """
        )
    }

    private static func apiKey(_ fixture: SyncFixture) -> String {
        fixture.simulator.apiKeys[.openAIStyle]!
    }

    @Test func aDescribedAPIIsMirroredThroughEditsDeletionsAndRestores() async throws {
        let fixture = try SyncFixture(
            options: .init(seed: 17, assistantsPerProvider: 8, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        let account = try Self.openAIStyleAccount(fixture)
        let key = Self.apiKey(fixture)
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        let ids = fixture.simulator.assistantIDs(.openAIStyle)
        #expect(ids.count == 8)
        #expect(
            try fixture.count("SELECT count(*) FROM assistants_current WHERE account = 'described'") == ids.count,
            "every page of the cursor walk was read"
        )
        for id in ids {
            let stored = try fixture.rows(
                "SELECT prompt FROM assistants_current WHERE account = 'described' AND remote_id = ?",
                [id]
            )
            #expect(stored.first?["prompt"]?.stringValue == fixture.simulator.mainPrompt(.openAIStyle, id: id))
            let token = try #require(
                (fixture.simulator.record(.openAIStyle, id: id)?["metadata"] as? [String: Any])?["webhook_token"]
                    as? String
            )
            #expect(!(try fixture.databaseBytes()).contains(token), "the metadata secret is never stored")
        }

        // A re-read of the same data records nothing.
        let before = try fixture.count("SELECT count(*) FROM revisions")
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == before)

        // An edit is one prompt change; a deletion is confirmed by GET-one and tombstoned; a restore is one
        // restoration.
        fixture.simulator.editPrompt(.openAIStyle, id: ids[1], to: "Described and edited.")
        #expect(fixture.simulator.delete(.openAIStyle, id: ids[2]))
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        let edited = try fixture.revisions(of: ids[1])
        #expect(edited.last?["change_kind"] == "updated")
        #expect(edited.last?["prompt"] == "Described and edited.")
        #expect(try fixture.revisions(of: ids[2]).last?["change_kind"] == "deleted")
        #expect(fixture.simulator.restore(.openAIStyle, id: ids[2]))
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        #expect(try fixture.revisions(of: ids[2]).last?["change_kind"] == "restored")
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE account = 'described' AND remote_id = ?",
                [ids[1]]
            )
                == 2,
            "created, then edited"
        )

        // Rounds of the simulator's own edits (which shift records between pages) converge.
        for _ in 1...3 {
            _ = fixture.simulator.advance(editCount: 4)
            #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        }
        let live = Set(fixture.simulator.assistantIDs(.openAIStyle))
        let mirrored = Set(
            try fixture.rows(
                "SELECT remote_id FROM assistants_current WHERE account = 'described' AND deleted_at IS NULL"
            ).compactMap { $0["remote_id"]?.stringValue }
        )
        #expect(mirrored == live)
        #expect(try fixture.reader().verifyChain().isIntact)
    }

    @Test func aDescribedAPIsMalformedPageFailsTheCrawlAndChangesNothing() async throws {
        let fixture = try SyncFixture(
            options: .init(seed: 19, assistantsPerProvider: 6, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        let account = try Self.openAIStyleAccount(fixture)
        let key = Self.apiKey(fixture)
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        let id = fixture.simulator.assistantIDs(.openAIStyle)[0]
        fixture.simulator.editPrompt(.openAIStyle, id: id, to: "Seen only after the fault.")
        let revisions = try fixture.count("SELECT count(*) FROM revisions")
        // A cursor API has no page numbers: the fault hits the next list request, the first page.
        fixture.simulator.inject(.malformedJSON, provider: .openAIStyle)
        let failed = await fixture.crawl(account, apiKey: key)
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("malformed") == true, "\(failed.error ?? "")")
        #expect(try fixture.count("SELECT count(*) FROM revisions") == revisions, "nothing from the bad page")
        #expect(try fixture.count("SELECT count(*) FROM assistants_current WHERE deleted_at IS NOT NULL") == 0)
        #expect(await fixture.crawl(account, apiKey: key).status == .ok)
        #expect(try fixture.revisions(of: id).last?["prompt"] == "Seen only after the fault.")
    }

    @Test(arguments: [
        (InteractlyShape.Envelope.bareArray, "items = .\ntotal-field = none", "data.assistants", nil as Int?),
        (
            InteractlyShape.Envelope.object, "items = data.assistants\ntotal-field = data.totalCount",
            "data.assistants", nil
        ),
        (InteractlyShape.Envelope.object, "", "assistants", 2),
    ])
    func interactlyIsMirroredCompletelyOnceTheConfigSaysItsRealShape(
        envelope: InteractlyShape.Envelope,
        override: String,
        itemsKey: String,
        cap: Int?
    ) async throws {
        var shape = InteractlyShape.default
        shape.envelope = envelope
        shape.itemsKey = itemsKey
        shape.totalKey = itemsKey == "data.assistants" ? "data.totalCount" : "totalCount"
        shape.maximumSize = cap
        let fixture = try SyncFixture(
            options: .init(seed: 23, assistantsPerProvider: 7, includeHugePrompt: false, interactly: shape)
        )
        let account = try Self.account(
            fixture,
            """
            [provider "interactly"]
            \(override)

            [account "test-interactly"]
            provider = interactly
            base-url = \(fixture.simulator.baseURL(for: .interactly).absoluteString)
            api-key-env = UNUSED
            page-size = 3
            """
        )
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok, "\(outcome.error ?? "")")
        #expect(
            try fixture.count("SELECT count(*) FROM assistants_current WHERE account = 'test-interactly'")
                == fixture.simulator.assistantIDs(.interactly).count
        )
    }
}
