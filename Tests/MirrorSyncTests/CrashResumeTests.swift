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

    @Test func killedBetweenPagesThenResumed() async throws {
        let fixture = try SyncFixture(options: .init(seed: 21, assistantsPerProvider: 9, includeHugePrompt: false))
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
        // Page 3 hangs, so the process is certainly between pages when it is killed.
        fixture.simulator.inject(.slow(seconds: 60), provider: .puretalk, page: 3)
        let process = try ChildProcess(
            Self.binary,
            ["sync", "--config", configuration],
            environment: ["SIM_KEY": fixture.simulator.apiKeys[.puretalk]!]
        )
        let deadline = Date().addingTimeInterval(20)
        while (try? fixture.count("SELECT pages FROM crawls")) ?? 0 < 2, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        process.send(SIGKILL)
        #expect(await process.termination(within: .seconds(20)) == .signalled(SIGKILL))

        let reader = try fixture.reader()
        #expect(try reader.scalarString("PRAGMA integrity_check") == "ok")
        let crawl = try #require(try fixture.rows("SELECT status, pages, next_page FROM crawls").first)
        #expect(crawl["status"] == "running" && crawl["pages"] == 2)
        #expect(try fixture.count("SELECT count(*) FROM assistants") == 4)

        // The next pass (this process, the fault consumed) resumes the same crawl.
        var account = fixture.account(.puretalk, pageSize: 2)
        account.name = "test-puretalk"
        let outcome = await fixture.crawl(account)
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
}
