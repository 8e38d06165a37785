import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import Synchronization
import Testing

@testable import MirrorSync

/// A re-poll leaves an item undecoded when its bytes digest as its live row's; the page's transaction
/// confirms the rows still hold those digests, and decodes the page whole when one does not.
@Suite struct SkippedItemSyncTests {
    static func item(_ id: String, _ prompt: String) -> String {
        #"{"id":"\#(id)","name":"Bot \#(id)","prompt":"\#(prompt)"}"#
    }

    func crawl(_ fixture: SyncFixture, _ provider: BytesPagesProvider) async -> CrawlOutcome {
        let account = fixture.account(.puretalk)
        return await SyncEngine(
            store: fixture.store,
            account: account,
            provider: provider,
            normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
            logger: .silent()
        ).crawl()
    }

    @Test func unchangedItemsAreSkippedYetSightedAndCounted() async throws {
        let fixture = try SyncFixture()
        let pages = [[Self.item("a", "One."), Self.item("b", "Two.")], [Self.item("c", "Three.")]]
        let first = await crawl(fixture, BytesPagesProvider(pages: pages))
        #expect(first.progress.created == 3)
        let lastSeen = try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY assistant_id")
        let provider = BytesPagesProvider(pages: pages)
        let second = await crawl(fixture, provider)
        #expect(second.status == .ok && second.changed == 0 && second.progress.seen == 3)
        #expect(provider.skippedCount.withLock { $0 } == 3)
        let seen = try fixture.rows("SELECT last_seen_at FROM assistants_current ORDER BY assistant_id")
        #expect(zip(seen, lastSeen).allSatisfy { $0 != $1 })
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 3)
    }

    /// Page 1 changes `a`; page 2 then repeats `a` with the bytes it had when the crawl began. Its
    /// digest was known, but the row no longer holds it: the page is decoded whole and `a` is compared
    /// with what page 1 wrote, as the full path would, which makes it a revision again.
    @Test func anItemWhoseRowChangedEarlierInTheCrawlIsDecodedAfterAll() async throws {
        let fixture = try SyncFixture()
        let old = Self.item("a", "One.")
        _ = await crawl(fixture, BytesPagesProvider(pages: [[old], [Self.item("b", "Two.")]]))
        let outcome = await crawl(fixture, BytesPagesProvider(pages: [[Self.item("a", "Uno.")], [old]]))
        #expect(outcome.status == .ok && outcome.progress.updated == 2)
        #expect(try fixture.revisions(of: "a").count == 3)
        #expect(try fixture.rows("SELECT prompt FROM assistants_current WHERE remote_id = 'a'") == [["prompt": "One."]])
    }

    /// The crawl knows the rows it read at its start; a write-back's re-read that lands between two
    /// pages (a revision by someone else) sends the next page to the database to check its rows, so
    /// `b`, served with the bytes the crawl knew, is compared with the re-read, as the full path would.
    @Test func aRowWrittenByAWriteBackDuringTheCrawlIsCheckedAfterAll() async throws {
        let fixture = try SyncFixture()
        let pages = [[Self.item("a", "One.")], [Self.item("b", "Two.")]]
        _ = await crawl(fixture, BytesPagesProvider(pages: pages))
        let account = fixture.account(.puretalk)
        let writeBack = SyncEngine(
            store: fixture.store,
            account: account,
            provider: BytesPagesProvider(pages: []),
            normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
            logger: .silent()
        )
        let reRead = try JSONParser.parse(Array(Self.item("b", "Deux.").utf8))
        let provider = BytesPagesProvider(
            pages: pages,
            beforePage: { number in
                guard number == 2 else { return }
                _ = try await fixture.store.write { writer in
                    try writeBack.recordWritten(
                        RemoteRecord(remoteID: "b", raw: reRead),
                        editor: "unix:test (uid 0)",
                        accountID: 1,
                        writer: writer
                    )
                }
            }
        )
        let outcome = await crawl(fixture, provider)
        #expect(outcome.status == .ok && outcome.progress.updated == 1)
        #expect(try fixture.revisions(of: "b").compactMap { $0["prompt"]?.stringValue } == ["Two.", "Deux.", "Two."])
    }
}

/// Pages of raw JSON items that honour `fetchPage(_:skipping:)` through `JSONParser`, counting skips.
/// GET-one answers what `fetchOne` says (404 unless told otherwise; `unreachable` fails the way an
/// API that cannot tell does).
/// `beforePage` runs before each page is served, with its number.
final class BytesPagesProvider: AssistantProvider {
    let pages: [[String]]
    let answerFetchOne: @Sendable (String) throws -> FetchOneResult
    let beforePage: @Sendable (Int) async throws -> Void
    let skippedCount = Mutex(0)
    var kind: ProviderKind { .puretalk }

    init(
        pages: [[String]],
        fetchOne: @escaping @Sendable (String) throws -> FetchOneResult = { _ in .notFound },
        beforePage: @escaping @Sendable (Int) async throws -> Void = { _ in }
    ) {
        self.pages = pages
        self.answerFetchOne = fetchOne
        self.beforePage = beforePage
    }

    func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        try await beforePage(cursor?.pageNumber ?? 1)
        return try page(cursor) { _ in false }
    }

    func fetchPage(
        _ cursor: PageCursor?,
        skipping isKnown: @escaping @Sendable (UInt64) -> Bool
    ) async throws
        -> ProviderPage
    {
        try await beforePage(cursor?.pageNumber ?? 1)
        return try page(cursor, isKnown)
    }

    func fetchOne(remoteID: String) async throws -> FetchOneResult { try answerFetchOne(remoteID) }

    static let unreachable = ProviderError.unexpectedStatus(
        provider: .puretalk,
        status: 503,
        page: nil,
        providerMessage: nil
    )

    private func page(_ cursor: PageCursor?, _ isKnown: @escaping (UInt64) -> Bool) throws -> ProviderPage {
        let number = cursor?.pageNumber ?? 1
        let body = "{\"data\":[" + pages[number - 1].joined(separator: ",") + "]}"
        let (json, digests, skipped) = try JSONParser.parse(
            Array(body.utf8),
            digestingItemsAt: ["data"],
            skippingItems: isKnown
        )
        skippedCount.withLock { $0 += skipped.count }
        let records = zip(json["data"]?.arrayValue ?? [], digests).map { item, digest in
            RemoteRecord(remoteID: item["id"]!.stringValue!, raw: item, rawDigest: digest)
        }
        return ProviderPage(
            records: records,
            next: number < pages.count ? .page(number + 1) : nil,
            skipped: skipped
        )
    }
}
