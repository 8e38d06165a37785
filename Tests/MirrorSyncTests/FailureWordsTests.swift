import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorSync
import Testing

/// The crawl's error is the one sentence an operator sees in `sync`, in `status` (from `sync_runs.error`)
/// and in the log; these check what it says for a refused key, a wrong list path and a stalled page.
@Suite struct FailureWordsTests {
    func storedError(_ fixture: SyncFixture) throws -> String? {
        try fixture.rows("SELECT error FROM sync_runs ORDER BY rowid DESC").first?["error"]?.stringValue
    }

    @Test func aRefusedKeyNamesTheAccountAndWhereTheKeyCameFrom() async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(.invent), apiKey: "CANARY-wrong-key-7f3a")
        let error = try #require(outcome.error)
        #expect(error.contains("invent refused the API key of account test-invent (HTTP 401"))
        #expect(error.contains("check the key in environment variable UNUSED"))
        #expect(!error.contains("CANARY"))
        #expect(try storedError(fixture) == error)
        #expect(fixture.simulator.requests.count == 1)
    }

    @Test func aListPathThatAnswers404SaysToCheckTheBaseURL() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk) { account in
            account.baseURL = account.baseURL!.appendingPathComponent("v9")
        }
        let outcome = await fixture.crawl(account)
        let error = try #require(outcome.error)
        #expect(error.contains("puretalk answered HTTP 404 for the assistant list at http://127.0.0.1:"))
        #expect(error.contains("check base-url (the API root, e.g. https://api.puretalk.ai/api)"))
        #expect(try storedError(fixture) == error)
        #expect(fixture.simulator.requests.count == 1)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 0)
    }

    @Test func aStalledPageFailsTheCrawlAtTheRequestTimeoutAndKeepsEarlierPages() async throws {
        let fixture = try SyncFixture()
        var mirror = MirrorConfiguration(database: fixture.store.path, socket: "/unused")
        mirror.requestTimeout = .seconds(1)
        let http = HTTPClient(configuration: .init(mirror: mirror), logger: .silent())
        let account = fixture.account(.telnyx, pageSize: 2)
        fixture.simulator.inject(.slow(seconds: 60), provider: .telnyx, page: 2)
        let crawler = AccountCrawler(
            store: fixture.store,
            http: http,
            fingerprintKey: fixture.key,
            secrets: [account.name: Secret(fixture.simulator.apiKeys[.telnyx]!)],
            settings: .init(maxDeleteShare: 0.5),
            logger: .silent()
        )
        let start = ContinuousClock.now
        let outcome = await crawler.crawl(account)
        // The page stalls for 60 s: the crawl ends well before, cut by the 1 s deadline. Alone it takes
        // a second; in a full run on 2 cores the deadline's timer waits for the cooperative pool, which
        // every test starting at once keeps busy for 20-30 s (a 30 s stall and a 29 s bound failed once).
        #expect(ContinuousClock.now - start < .seconds(50))
        #expect(outcome.status == .failed && !outcome.complete && outcome.progress.pages == 1)
        let error = try #require(outcome.error)
        #expect(error.contains("did not finish within the request-timeout of 1s ([mirror] request-timeout)"))
        #expect(try storedError(fixture) == error)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 2)
    }
}
