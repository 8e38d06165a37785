import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import Testing

@testable import MirrorSync

/// An item whose bytes digest as last time is an unchanged re-read without being normalized again
/// (migration 0004); anything else takes the full comparison path, so change detection stays exact.
@Suite struct RawDigestSyncTests {
    @Test func anUnchangedRePollIsRecognisedByItsBytesAndStillSighted() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        _ = await fixture.crawl(account)
        let digests = try fixture.rows("SELECT remote_id, raw_digest FROM assistants ORDER BY remote_id")
        #expect(digests.count == 5 && digests.allSatisfy { $0["raw_digest"]?.intValue != nil })
        let before = try fixture.count("SELECT count(*) FROM revisions")
        let lastSeen = try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY remote_id")
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .ok && outcome.changed == 0 && outcome.progress.seen == 5)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == before)
        #expect(try fixture.rows("SELECT remote_id, raw_digest FROM assistants ORDER BY remote_id") == digests)
        let seen = try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY remote_id")
        #expect(seen.count == 5 && zip(seen, lastSeen).allSatisfy { $0 != $1 })
        #expect(try fixture.count("SELECT count(*) FROM assistants WHERE absent_crawls <> 0") == 0)
    }

    /// A carried-over database has no digests, and a wrong one only costs the full path: neither
    /// may record a change that is not there, and both end with the right digest stored.
    @Test func aMissingOrStaleDigestFallsBackToTheFullComparison() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        _ = await fixture.crawl(account)
        let digests = try fixture.rows("SELECT raw_digest FROM assistants ORDER BY id")
        try await fixture.store.write { writer in
            try writer.setRawDigest(nil, assistantID: 1)
            try writer.setRawDigest(12345, assistantID: 2)
        }
        let before = try fixture.count("SELECT count(*) FROM revisions")
        let outcome = await fixture.crawl(account)
        #expect(outcome.changed == 0)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == before)
        #expect(try fixture.rows("SELECT raw_digest FROM assistants ORDER BY id") == digests)
    }

    @Test func aPromptEditChangesTheBytesAndIsARevision() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.puretalk).first)
        let old = try fixture.rows("SELECT raw_digest FROM assistants WHERE remote_id = ?", [id])
        fixture.simulator.editPrompt(.puretalk, id: id, to: "Be brief.")
        let outcome = await fixture.crawl(account)
        #expect(outcome.progress.updated == 1)
        #expect(try fixture.rows("SELECT raw_digest FROM assistants WHERE remote_id = ?", [id]) != old)
    }

    /// The digest is seeded with what normalization depends on: another fingerprint key or another
    /// description must not vouch for a row normalized under the old one.
    @Test func theSeedChangesWithTheKeyAndTheDescription() throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        let record = RemoteRecord(remoteID: "a", raw: .object(["id": "a"]), rawDigest: 42)
        let normalizer = Normalizer(account: account, fingerprintKey: fixture.key)
        let otherKey = Normalizer(
            account: account,
            fingerprintKey: FingerprintKey(bytes: Array(repeating: 7, count: 32))
        )
        var described = account
        described.providerDescription.volatile.append(PathPattern("last_call")!)
        let otherDescription = Normalizer(account: described, fingerprintKey: fixture.key)
        let digests = [normalizer, otherKey, otherDescription].map { $0.rawDigest(of: record) }
        #expect(Set(digests).count == 3)
        #expect(normalizer.rawDigest(of: RemoteRecord(remoteID: "a", raw: .object(["id": "a"]))) == nil)
    }

    /// Deciding a page's items before writing them must not lose sight of an id that the page
    /// repeats: its second occurrence meets the row the first one wrote, as one at a time did.
    @Test func anIdRepeatedWithinAPageIsComparedWithWhatItsFirstOccurrenceWrote() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk)
        func item(_ prompt: String) -> RemoteRecord {
            let raw = JSONValue.object(["id": "dup", "name": "Bot", "prompt": .string(prompt)])
            return RemoteRecord(remoteID: "dup", raw: raw, rawDigest: RawDigest.digest(Array(raw.canonicalText.utf8)))
        }
        func crawl(_ records: [RemoteRecord]) async -> CrawlOutcome {
            await SyncEngine(
                store: fixture.store,
                account: account,
                provider: OnePageProvider(records: records),
                normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
                logger: .silent()
            ).crawl()
        }
        let first = await crawl([item("Hi."), item("Hi.")])
        #expect(first.status == .ok && first.progress.created == 1 && first.changed == 1)
        let second = await crawl([item("Hi."), item("Hello.")])
        #expect(second.status == .ok && second.progress.updated == 1 && second.changed == 1)
        #expect(try fixture.revisions(of: "dup").count == 2)
    }
}

/// A provider with one fixed page, for pages the simulator never serves.
struct OnePageProvider: AssistantProvider {
    let records: [RemoteRecord]
    var kind: ProviderKind { .puretalk }
    func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage { ProviderPage(records: records, next: nil) }
    func fetchOne(remoteID: String) async throws -> FetchOneResult { .notFound }
}
