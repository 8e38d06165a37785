import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

/// Invariant 1: nothing is lost and nothing is invented. A deletion is written only after a complete
/// crawl, for a confirmed absence, and never en masse.
@Suite struct DeletionTests {
    @Test(arguments: SimulatedProvider.builtIn)
    func aConfirmedAbsenceBecomesATombstone(_ provider: SimulatedProvider) async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(provider, pageSize: 2)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(provider).dropFirst().first)
        fixture.simulator.delete(provider, id: id)
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok && outcome.progress.deleted == 1)
        let tombstone = try #require(try fixture.revisions(of: id).last)
        #expect(tombstone["change_kind"] == "deleted" && tombstone["prompt"] == .null && tombstone["revision"] == 2)
        #expect(
            try fixture.rows("SELECT deleted_at FROM assistants_current WHERE remote_id = ?", [id]).first?["deleted_at"]
                != .null
        )
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE remote_id = ? AND change_kind = 'deleted'",
                [id]
            ) == 1
        )
    }

    @Test func aFailedCrawlDeletesNothing() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        _ = await fixture.crawl(account)
        fixture.simulator.delete(.puretalk, id: fixture.simulator.assistantIDs(.puretalk)[0])
        fixture.simulator.inject(.status(500), provider: .puretalk, page: 2, times: 10)
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .failed)
        #expect(try fixture.count("SELECT count(*) FROM assistants WHERE deleted_at IS NOT NULL") == 0)
        #expect(try fixture.count("SELECT count(*) FROM revisions WHERE change_kind = 'deleted'") == 0)
    }

    @Test func anItemThatShiftedBetweenPagesIsNotTombstoned() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        _ = await fixture.crawl(account)
        let ids = fixture.simulator.assistantIDs(.puretalk)
        // Page 1 is read with the first assistant on it; just before page 2 is served that assistant
        // goes, the third slides onto page 1, and this crawl never lists the third.
        fixture.simulator.inject(.shiftBeforePage, provider: .puretalk, page: 2)
        fixture.simulator.resetRequestLog()
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok && outcome.progress.seen == 4 && outcome.progress.deleted == 0)
        // The absence of the third was checked with GET-one, which found it: no tombstone.
        #expect(fixture.simulator.requests.contains { $0.path.hasSuffix("/ai-assistants/" + ids[2]) })
        #expect(try fixture.count("SELECT count(*) FROM assistants WHERE deleted_at IS NOT NULL") == 0)
        // The first really went; the next complete crawl confirms it.
        #expect(await fixture.crawl(account).progress.deleted == 1)
        let deleted = try fixture.rows("SELECT remote_id FROM assistants_current WHERE deleted_at IS NOT NULL")
            .compactMap { $0["remote_id"]?.stringValue }
        #expect(deleted == [ids[0]])
    }

    @Test func aMassDeletionIsRefused() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.invent, pageSize: 2)
        _ = await fixture.crawl(account)
        fixture.simulator.removeAll(.invent)
        let outcome = await fixture.crawl(account, maxDeleteShare: 0.5)
        #expect(outcome.status == .failed && outcome.complete)
        #expect(outcome.error?.contains("refused to delete 5 of 5") == true)
        #expect(try fixture.count("SELECT count(*) FROM assistants WHERE deleted_at IS NOT NULL") == 0)
        let run = try #require(try fixture.rows("SELECT * FROM sync_runs ORDER BY id DESC").first)
        #expect(run["error"]?.stringValue?.contains("max-delete-share") == true)
        // Raising the share lets the confirmed deletions through.
        #expect(await fixture.crawl(account, maxDeleteShare: 1).progress.deleted == 5)
    }

    @Test func aReturningAssistantIsRestored() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.telnyx)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        fixture.simulator.delete(.telnyx, id: id)
        #expect(await fixture.crawl(account).progress.deleted == 1)
        fixture.simulator.restore(.telnyx, id: id)
        #expect(await fixture.crawl(account).progress.restored == 1)
        let kinds = try fixture.revisions(of: id).compactMap { $0["change_kind"]?.stringValue }
        #expect(kinds == ["created", "deleted", "restored"])
        #expect(
            try fixture.rows("SELECT deleted_at FROM assistants_current WHERE remote_id = ?", [id]).first?["deleted_at"]
                == .null
        )
    }
}
