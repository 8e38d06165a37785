import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

/// Paging edge cases and bad provider pages: a bad page commits nothing from itself, the run is
/// recorded as failed with its reason, and nothing is ever deleted by an incomplete crawl.
@Suite struct PagingAndFailureTests {
    @Test(arguments: SimulatedProvider.builtIn)
    func anEmptyAccountCrawlsCleanly(_ provider: SimulatedProvider) async throws {
        let fixture = try SyncFixture()
        fixture.simulator.removeAll(provider)
        let outcome = await fixture.crawl(fixture.account(provider, pageSize: 2))
        #expect(outcome.status == .ok && outcome.complete && outcome.progress.seen == 0)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 0)
    }

    @Test(arguments: SimulatedProvider.builtIn)
    func exactlyOneFullPageIsOnePage(_ provider: SimulatedProvider) async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(provider, pageSize: 5))
        #expect(outcome.status == .ok)
        #expect(outcome.progress.seen == 5)
        // Invent and Interactly can only tell a last full page by asking for the next (empty) one.
        #expect(outcome.progress.pages <= 2)
    }

    @Test(arguments: SimulatedProvider.builtIn)
    func severalPagesCollectEveryAssistant(_ provider: SimulatedProvider) async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(provider, pageSize: 2))
        #expect(outcome.status == .ok && outcome.progress.pages >= 3)
        let stored = Set(
            try fixture.rows("SELECT remote_id FROM assistants_current").compactMap { $0["remote_id"]?.stringValue }
        )
        #expect(stored == Set(fixture.simulator.assistantIDs(provider)))
    }

    @Test func aNextLinkThatLoopsStopsTheCrawl() async throws {
        let fixture = try SyncFixture()
        fixture.simulator.inject(.loopingNext, provider: .puretalk, page: 2)
        let outcome = await fixture.crawl(fixture.account(.puretalk, pageSize: 2))
        #expect(outcome.status == .failed && !outcome.complete)
        #expect(outcome.error?.contains("paging") == true)
    }

    @Test func thePageCapStopsTheCrawl() async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(.telnyx, pageSize: 2, maxPages: 2))
        #expect(outcome.status == .failed && outcome.progress.pages == 2)
        #expect(outcome.error?.contains("max-pages") == true)
        let run = try #require(try fixture.rows("SELECT * FROM sync_runs").first)
        #expect(
            run["status"] == "failed" && run["complete"] == 0 && run["error"]?.stringValue?.contains("page cap") == true
        )
    }

    @Test(arguments: [SimulatorFault.malformedJSON, .wrongTypes, .html200, .truncatedBody])
    func aBadPageCommitsNothingFromItselfAndIsRecorded(_ fault: SimulatorFault) async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        fixture.simulator.inject(fault, provider: .puretalk, page: 2, times: 10)
        let outcome = await fixture.crawl(account)
        #expect(outcome.status == .failed && !outcome.complete)
        #expect(outcome.progress.pages == 1)
        // Page 1 is in; nothing of page 2 or 3.
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 2)
        let run = try #require(try fixture.rows("SELECT * FROM sync_runs").first)
        #expect(run["status"] == "failed" && run["error"]?.stringValue?.isEmpty == false)
    }

    @Test func aFailedCrawlIsFollowedByACompleteOne() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.interactly, pageSize: 2)
        fixture.simulator.inject(.malformedJSON, provider: .interactly, page: 2, times: 1)
        #expect(await fixture.crawl(account).status == .failed)
        let second = await fixture.crawl(account)
        #expect(second.status == .ok && second.complete && !second.resumed)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 5)
    }

    @Test func requestsCarryTheKeyOnlyInTheDocumentedHeaderAndAUserAgent() async throws {
        let fixture = try SyncFixture()
        _ = await fixture.crawl(fixture.account(.puretalk))
        _ = await fixture.crawl(fixture.account(.telnyx))
        for request in fixture.simulator.requests {
            #expect(request.headers["user-agent"]?.hasPrefix("assistant-mirror/") == true)
            let key = fixture.simulator.apiKeys[request.provider!]!
            let carriers = request.headers.filter { $0.value.contains(key) }.map(\.key)
            #expect(carriers == [request.provider == .puretalk ? "x-api-key" : "authorization"])
            #expect(!request.path.contains(key) && !request.query.values.contains { $0.contains(key) })
        }
    }

    @Test func aWrongKeyFailsWithoutSayingTheKey() async throws {
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(fixture.account(.telnyx), apiKey: "CANARY-wrong-key-7f3a")
        #expect(outcome.status == .failed)
        #expect(outcome.error?.contains("refused the API key") == true)
        #expect(outcome.error?.contains("CANARY") == false)
        #expect(try fixture.databaseBytes().contains("CANARY") == false)
    }

    @Test func aCancelledCrawlResumesFromItsCheckpoint() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.puretalk, pageSize: 2)
        fixture.simulator.inject(.slow(seconds: 30), provider: .puretalk, page: 3)
        let task = Task { await fixture.crawl(account) }
        // Wait until page 3 hangs (pages 1 and 2 committed), then stop the crawl as a shutdown would.
        while !fixture.simulator.requests.contains(where: { $0.query["page"] == "3" }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        let interrupted = await task.value
        #expect(interrupted.status == .interrupted)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 4)
        let resumed = await fixture.crawl(account)
        #expect(resumed.resumed && resumed.status == .ok && resumed.complete)
        #expect(resumed.progress.pages == 3 && resumed.progress.created == 5)
        #expect(try fixture.count("SELECT count(*) FROM sync_runs") == 1)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 5)
    }
}
