import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import Testing

@testable import MirrorSync

/// Migration 0008: an unchanged re-read writes no assistant row, only one `crawl_sightings` row per
/// page; the deletion pass, absences and the last sighting (`assistants_last_seen`) stay true.
@Suite struct SightingsTests {
    /// A log of writes, kept by triggers in this test's own database (plain columns only: the store's
    /// connection does not trust functions such as json_array_length in a schema's triggers,
    /// https://www.sqlite.org/c3ref/c_dbconfig_defensive.html#sqlitedbconfigtrustedschema).
    static func logWrites(in fixture: SyncFixture) throws {
        let connection = try Connection(path: fixture.store.path, mode: .readWrite)
        try connection.execute(
            """
            CREATE TABLE write_log (target TEXT NOT NULL, page INTEGER, ids TEXT);
            CREATE TRIGGER log_assistant_inserts AFTER INSERT ON assistants
            BEGIN INSERT INTO write_log (target) VALUES ('assistants'); END;
            CREATE TRIGGER log_assistant_updates AFTER UPDATE ON assistants
            BEGIN INSERT INTO write_log (target) VALUES ('assistants'); END;
            CREATE TRIGGER log_sightings AFTER INSERT ON crawl_sightings
            BEGIN INSERT INTO write_log VALUES ('crawl_sightings', new.page, new.assistant_ids); END;
            """
        )
    }

    static func lastSeen(_ fixture: SyncFixture) throws -> [String: String] {
        var seen: [String: String] = [:]
        for row in try fixture.rows("SELECT remote_id, last_seen_at FROM assistants_current") {
            seen[row["remote_id"]!.stringValue!] = row["last_seen_at"]!.stringValue!
        }
        return seen
    }

    static func crawl(_ fixture: SyncFixture, id: Int) throws -> JSONValue {
        try #require(try fixture.rows("SELECT * FROM sync_runs WHERE id = ?", [id]).first)
    }

    @Test func anUnchangedRePollWritesOneSightingsRowPerPageAndNoAssistantRow() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        _ = await fixture.crawl(account)
        let rows = try fixture.rows("SELECT * FROM assistants ORDER BY id")
        let before = try Self.lastSeen(fixture)
        try Self.logWrites(in: fixture)
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok && outcome.changed == 0 && outcome.progress.pages == 3, "\(outcome)")
        #expect(try fixture.count("SELECT count(*) FROM write_log WHERE target = 'assistants'") == 0)
        #expect(try fixture.rows("SELECT * FROM assistants ORDER BY id") == rows)
        #expect(
            try fixture.rows(
                """
                SELECT page, json_array_length(ids) AS sighted FROM write_log
                WHERE target = 'crawl_sightings' ORDER BY page
                """
            )
                == [["page": 1, "sighted": 2], ["page": 2, "sighted": 2], ["page": 3, "sighted": 1]]
        )
        // The crawl's rows go with it.
        #expect(try fixture.count("SELECT count(*) FROM crawl_sightings") == 0)
        // The sighting still shows: the start of the complete crawl that listed them all.
        let started = try #require(try Self.crawl(fixture, id: 2)["started_at"]?.stringValue)
        let after = try Self.lastSeen(fixture)
        #expect(after.count == 5 && after.values.allSatisfy { $0 == started })
        #expect(before.allSatisfy { id, time in time < started })
        // `list` and `show` (the socket's rows) read the same definition.
        let reader = try fixture.reader()
        #expect(try reader.list(.init()).map(\.lastSeenAt) == Array(repeating: started, count: 5))
        #expect(try reader.show(assistantID: 1).summary.lastSeenAt == started)
    }

    /// The window of a change opens at a time the old content was certainly seen: never after the
    /// last sighting, which lies in the last complete crawl before the change.
    @Test func aChangeAfterUnchangedRePollsOpensItsWindowAtTheLastCompleteCrawl() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        for _ in 1...3 { #expect(await fixture.crawl(account).status == .ok) }
        let id = try #require(fixture.simulator.assistantIDs(.puretalk).last)
        fixture.simulator.editPrompt(.puretalk, id: id, to: "Answer in one line.")
        #expect(await fixture.crawl(account).progress.updated == 1)
        let change = try #require(try fixture.revisions(of: id).last)
        let third = try Self.crawl(fixture, id: 3)
        let opened = try #require(change["previous_observed_at"]?.stringValue)
        #expect(opened == third["started_at"]?.stringValue)
        #expect(opened <= third["finished_at"]?.stringValue ?? "")
        #expect(opened < change["observed_at"]?.stringValue ?? "")
        // Written with the change, the row's own time is exact again.
        #expect(try Self.lastSeen(fixture)[id] == change["observed_at"]?.stringValue)
    }

    /// An assistant missing once is counted absent and keeps the time it was last seen; listed again,
    /// its row is written (absent_crawls back to 0), so a later absence starts counting afresh, and
    /// only two consecutive ones delete it.
    @Test func anAssistantBackAfterOneAbsenceIsReset() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        let all = [
            [SkippedItemSyncTests.item("a", "One."), SkippedItemSyncTests.item("b", "Two.")],
            [SkippedItemSyncTests.item("c", "Three.")],
        ]
        let withoutC = [all[0]]
        func crawl(_ pages: [[String]]) async -> CrawlOutcome {
            await SyncEngine(
                store: fixture.store,
                account: account,
                provider: BytesPagesProvider(pages: pages) { _ in throw BytesPagesProvider.unreachable },
                normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
                logger: .silent()
            ).crawl()
        }
        func absences() throws -> Int {
            try fixture.count("SELECT absent_crawls FROM assistants WHERE remote_id = 'c'")
        }

        #expect(await crawl(all).progress.created == 3)
        let firstSeen = try #require(try Self.lastSeen(fixture)["c"])
        #expect(await crawl(withoutC).progress.deleted == 0)
        #expect(try absences() == 1)
        // Absent, it is not taken for listed by the crawl that missed it.
        #expect(try Self.lastSeen(fixture)["c"] == firstSeen)

        #expect(await crawl(all).changed == 0)
        #expect(try absences() == 0)
        let back = try #require(try Self.lastSeen(fixture)["c"])
        let third = try #require(try Self.crawl(fixture, id: 3)["started_at"]?.stringValue)
        #expect(back >= third)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 3)

        #expect(await crawl(withoutC).progress.deleted == 0)
        #expect(try absences() == 1)
        #expect(await crawl(withoutC).progress.deleted == 1)
        let tombstone = try #require(try fixture.revisions(of: "c").last)
        #expect(tombstone["change_kind"] == "deleted" && tombstone["previous_observed_at"]?.stringValue == back)
        #expect(try Self.lastSeen(fixture)["c"] == back)
    }

    /// A deletion pass interrupted between two GET-ones resumes with the absences it already counted
    /// left alone: counted twice, one missed crawl would delete what GET-one could not confirm gone.
    @Test func aResumedDeletionPassCountsEachAbsenceOnce() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        let items = ["a", "b", "c", "d"].map { SkippedItemSyncTests.item($0, "Hello \($0).") }
        func crawl(
            _ pages: [[String]],
            fetchOne: @escaping @Sendable (String) throws -> FetchOneResult
        ) async
            -> CrawlOutcome
        {
            await SyncEngine(
                store: fixture.store,
                account: account,
                provider: BytesPagesProvider(pages: pages, fetchOne: fetchOne),
                normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
                logger: .silent()
            ).crawl()
        }
        #expect(await crawl([items]) { _ in .notFound }.progress.created == 4)
        let interrupted = await crawl([Array(items.prefix(2))]) { id in
            if id == "d" { throw CancellationError() }
            throw BytesPagesProvider.unreachable
        }
        #expect(interrupted.status == .interrupted)
        #expect(try fixture.count("SELECT absent_crawls FROM assistants WHERE remote_id = 'c'") == 1)
        let resumed = await crawl([Array(items.prefix(2))]) { _ in throw BytesPagesProvider.unreachable }
        #expect(resumed.resumed && resumed.status == .ok && resumed.progress.deleted == 0)
        #expect(
            try fixture.rows(
                "SELECT remote_id, absent_crawls FROM assistants WHERE absent_crawls <> 0 ORDER BY remote_id"
            )
                == [["remote_id": "c", "absent_crawls": 1], ["remote_id": "d", "absent_crawls": 1]]
        )
    }
}
