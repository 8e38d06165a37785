import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

/// Invariant 2 of design.md: a revision exactly when updated_at moved or the content changed.
@Suite struct ChangeDetectionTests {
    @Test func aFirstCrawlRecordsOneCreatedRevisionPerAssistant() async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(.puretalk, pageSize: 2))
        #expect(outcome.status == .ok && outcome.complete)
        #expect(outcome.progress.pages == 3)
        #expect(outcome.progress.created == 5)
        #expect(
            try fixture.count("SELECT count(*) FROM assistant_revisions WHERE revision = 1 AND change_kind = 'created'")
                == 5
        )
        let run = try #require(try fixture.rows("SELECT * FROM sync_runs").first)
        #expect(run["status"] == "ok" && run["complete"] == 1 && run["created"] == 5 && run["pages"] == 3)
    }

    @Test func reReadingUnchangedDataRecordsNothing() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.invent, pageSize: 2)
        _ = await fixture.crawl(account)
        let before = try fixture.count("SELECT count(*) FROM revisions")
        let lastSeen = try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY remote_id")
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok && outcome.changed == 0)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == before)
        #expect(try fixture.count("SELECT count(*) FROM field_changes") == 0)
        // The sighting itself is recorded: it bounds the window of the next change.
        #expect(try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY remote_id") != lastSeen)
    }

    @Test func aPromptEditRecordsOneRevisionWithItsWindowAndFieldChange() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.puretalk).first)
        let oldPrompt = try #require(fixture.simulator.mainPrompt(.puretalk, id: id))
        let seenBefore = try #require(
            try fixture.rows("SELECT last_seen_at FROM assistants_current WHERE remote_id = ?", [id]).first?[
                "last_seen_at"
            ]
        )
        fixture.simulator.editPrompt(.puretalk, id: id, to: "You are a careful assistant.\nBe brief.")
        let outcome = await fixture.crawl(account)
        #expect(outcome.progress.updated == 1 && outcome.changed == 1)
        let revisions = try fixture.revisions(of: id)
        #expect(revisions.count == 2)
        #expect(revisions[1]["change_kind"] == "updated" && revisions[1]["previous_observed_at"] == seenBefore)
        #expect(revisions[1]["observed_at"]?.stringValue ?? "" > seenBefore.stringValue ?? "")
        let change = try #require(
            try fixture.rows("SELECT * FROM field_changes WHERE remote_id = ? AND path = 'prompt'", [id]).first
        )
        #expect(change["old_value"]?.stringValue == oldPrompt)
        #expect(change["new_value"] == "You are a careful assistant.\nBe brief.")
        #expect(change["prompt_bearing"] == 1)
        let prompt = try #require(try fixture.rows("SELECT * FROM prompt_changes WHERE remote_id = ?", [id]).last)
        #expect(
            prompt["old_prompt"]?.stringValue == oldPrompt
                && prompt["new_prompt"] == "You are a careful assistant.\nBe brief."
        )
        #expect(prompt["changed_by"] == .null)
        #expect(prompt["actor_hint"]?.stringValue?.hasPrefix("owner ") == true)
    }

    @Test func anUpdatedAtBumpWithoutContentChangeIsARevision() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.interactly)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.interactly).first)
        #expect(fixture.simulator.touch(.interactly, id: id))
        let outcome = await fixture.crawl(account)
        #expect(outcome.progress.updated == 1)
        let fields = try fixture.rows("SELECT path FROM field_changes WHERE remote_id = ?", [id]).compactMap {
            $0["path"]?.stringValue
        }
        #expect(fields == ["updatedAt"])
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE remote_id = ? AND change_kind = 'updated'",
                [id]
            ) == 0
        )
    }

    @Test func aContentChangeWithoutUpdatedAtBumpIsARevision() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.puretalk).last)
        let updatedAt = try fixture.rows("SELECT provider_updated_at FROM assistants_current WHERE remote_id = ?", [id])
            .first?["provider_updated_at"]
        fixture.simulator.editPrompt(.puretalk, id: id, to: "Silent edit", bumpUpdatedAt: false)
        let outcome = await fixture.crawl(account)
        #expect(outcome.progress.updated == 1)
        let latest = try #require(try fixture.revisions(of: id).last)
        #expect(latest["provider_updated_at"] == updatedAt)
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE remote_id = ? AND new_prompt = 'Silent edit'",
                [id]
            ) == 1
        )
    }

    @Test func telnyxChangesAreFoundByContentAlone() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.telnyx)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        fixture.simulator.editPrompt(.telnyx, id: id, to: "New Telnyx instructions")
        #expect(await fixture.crawl(account).progress.updated == 1)
        let latest = try #require(try fixture.revisions(of: id).last)
        #expect(latest["provider_updated_at"] == .null)
        #expect(latest["change_kind"] == "updated")
        #expect(await fixture.crawl(account).changed == 0)
    }

    @Test func anInventActionEditWithoutParentBumpIsFound() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.invent)
        _ = await fixture.crawl(account)
        let id = try #require(
            fixture.simulator.assistantIDs(.invent).first { id in
                (fixture.simulator.record(.invent, id: id)?["actions"] as? [Any])?.isEmpty == false
            }
        )
        #expect(
            fixture.simulator.setField(
                .invent,
                id: id,
                path: "actions.0.instructions",
                value: "Ask for the order number first.",
                bumpUpdatedAt: false
            )
        )
        #expect(await fixture.crawl(account).progress.updated == 1)
        let change = try #require(
            try fixture.rows(
                "SELECT * FROM field_changes WHERE remote_id = ? AND path = 'actions[0].instructions'",
                [id]
            ).first
        )
        #expect(change["new_value"] == "Ask for the order number first." && change["prompt_bearing"] == 1)
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE remote_id = ? AND change_kind = 'updated'",
                [id]
            ) == 1
        )
    }

    @Test func promptsAreStoredByteForByte() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        _ = await fixture.crawl(account)
        let ids = fixture.simulator.assistantIDs(.puretalk)
        let samples = [
            "Emoji 🧑🏽‍💻👩‍👩‍👧 and flags 🇫🇷", "中文提示：请用简体中文回答。日本語も。", "مرحبا! أجب بالعربية. שלום, ענה בעברית.",
            "e\u{301} stays two scalars; a\u{30A}\u{301} too", "line one\nline two\r\n\ttabbed\n\n",
            String(repeating: "Long prompt ✓ ", count: 15_000),
        ]
        for (id, sample) in zip(ids, samples) { fixture.simulator.editPrompt(.puretalk, id: id, to: sample) }
        _ = await fixture.crawl(account)
        for (id, sample) in zip(ids, samples) {
            let stored = try fixture.rows("SELECT prompt FROM assistants_current WHERE remote_id = ?", [id]).first?[
                "prompt"
            ]?.stringValue
            #expect(stored.map { Array($0.utf8) } == Array(sample.utf8), "prompt of \(id)")
            let reported = try fixture.rows(
                "SELECT new_prompt FROM prompt_changes WHERE remote_id = ? ORDER BY revision DESC",
                [id]
            ).first?["new_prompt"]?.stringValue
            #expect(reported.map { Array($0.utf8) } == Array(sample.utf8))
        }
        #expect(samples.last!.utf8.count > 200_000, "the long sample must be over 200 KB")
    }

    @Test func aDryRunWritesNothing() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.puretalk).first)
        fixture.simulator.editPrompt(.puretalk, id: id, to: "changed")
        let revisions = try fixture.count("SELECT count(*) FROM revisions")
        let crawls = try fixture.count("SELECT count(*) FROM sync_runs")
        let outcome = await fixture.crawl(account, dryRun: true)
        #expect(outcome.dryRun && outcome.progress.updated == 1 && outcome.progress.pages == 3)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == revisions)
        #expect(try fixture.count("SELECT count(*) FROM sync_runs") == crawls)
    }
}
