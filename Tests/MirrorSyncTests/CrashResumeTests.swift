import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import TestSupport
import Testing

/// Invariant 1 under a real crash: `kill -9` of a `sync` process between pages leaves a consistent
/// database, and the next sync resumes from the checkpoint and ends equal to the provider's state.
@Suite struct CrashResumeTests {
    /// The built `assistant-mirror`, next to the test bundle (`swift test` builds every product).
    static var binary: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("assistant-mirror").path
    }

    /// Runs `sync` in a child process and kills it with SIGKILL once its running crawl has committed two
    /// pages of two (page 3 hangs, so the process is certainly between pages).
    static func killSyncAfterTwoPages(_ fixture: SyncFixture) async throws {
        let configuration = fixture.directory + "/config.ini"
        let text = """
            [mirror]
            database = mirror.db
            socket = mirror.sock

            [account "test-puretalk"]
            provider = puretalk
            base-url = \(fixture.simulator.baseURL(for: .puretalk).absoluteString)
            api-key-env = SIM_KEY
            page-size = 2
            """
        try text.write(toFile: configuration, atomically: true, encoding: .utf8)
        fixture.simulator.inject(.slow(seconds: 60), provider: .puretalk, page: 3)
        let process = try ChildProcess(
            Self.binary,
            ["sync", "--config", configuration],
            environment: ["SIM_KEY": fixture.simulator.apiKeys[.puretalk]!]
        )
        let deadline = Date().addingTimeInterval(20)
        while (try? fixture.count("SELECT pages FROM crawls WHERE status = 'running'")) ?? 0 < 2, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        process.send(SIGKILL)
        #expect(await process.termination(within: .seconds(20)) == .signalled(SIGKILL))
    }

    /// The account `killSyncAfterTwoPages` crawls, for this process to resume.
    static func account(_ fixture: SyncFixture) -> AccountConfiguration {
        var account = fixture.account(.puretalk, pageSize: 2)
        account.name = "test-puretalk"
        return account
    }

    @Test func killedBetweenPagesThenResumed() async throws {
        let fixture = try SyncFixture(options: .init(seed: 21, assistantsPerProvider: 9, includeHugePrompt: false))
        try await Self.killSyncAfterTwoPages(fixture)

        let reader = try fixture.reader()
        #expect(try reader.scalarString("PRAGMA integrity_check") == "ok")
        let crawl = try #require(try fixture.rows("SELECT status, pages, next_page FROM crawls").first)
        #expect(crawl["status"] == "running" && crawl["pages"] == 2)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 4)

        // The next pass (this process, the fault consumed) resumes the same crawl.
        let outcome = await fixture.crawl(Self.account(fixture))
        #expect(outcome.resumed && outcome.status == .ok && outcome.complete)
        #expect(try fixture.count("SELECT count(*) FROM sync_runs") == 1)
        let stored = Set(
            try fixture.rows("SELECT remote_id FROM assistants_current").compactMap { $0["remote_id"]?.stringValue }
        )
        #expect(stored == Set(fixture.simulator.assistantIDs(.puretalk)))
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 9)
        #expect(
            try fixture.count(
                "SELECT count(*) FROM (SELECT remote_id FROM assistant_revisions GROUP BY remote_id, revision HAVING count(*) > 1)"
            ) == 0
        )
        #expect(try reader.verifyChain().isIntact)
    }

    /// A re-poll killed between pages keeps the sightings of the pages it committed (migration 0008):
    /// resumed, its deletion pass has nothing to ask GET-one about and counts nobody absent.
    @Test func aRePollKilledBetweenPagesKeepsItsSightings() async throws {
        let fixture = try SyncFixture(options: .init(seed: 21, assistantsPerProvider: 9, includeHugePrompt: false))
        #expect(await fixture.crawl(Self.account(fixture)).status == .ok)
        try await Self.killSyncAfterTwoPages(fixture)
        #expect(
            try fixture.rows(
                "SELECT page, json_array_length(assistant_ids) AS sighted FROM crawl_sightings ORDER BY page"
            )
                == [["page": 1, "sighted": 2], ["page": 2, "sighted": 2]]
        )
        fixture.simulator.resetRequestLog()
        let outcome = await fixture.crawl(Self.account(fixture))
        #expect(outcome.resumed && outcome.status == .ok && outcome.changed == 0 && outcome.progress.seen == 9)
        let ids = Set(fixture.simulator.assistantIDs(.puretalk))
        #expect(!fixture.simulator.requests.contains { ids.contains(String($0.path.split(separator: "/").last ?? "")) })
        #expect(
            try fixture.count("SELECT count(*) FROM assistants WHERE absent_crawls <> 0 OR deleted_at IS NOT NULL") == 0
        )
        #expect(try fixture.count("SELECT count(*) FROM crawl_sightings") == 0)
        #expect(try fixture.count("SELECT count(*) FROM revisions") == 9)
    }
}
