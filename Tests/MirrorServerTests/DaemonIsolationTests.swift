import Foundation
import Glibc
import Testing

/// One account stuck on a slow page must not hold up the others (reliability.md §7 check 16, the
/// scheduler's "a crawl runs in its own task").
@Suite(.serialized) struct DaemonIsolationTests {
    @Test func aSlowAccountDoesNotDelayAHealthyOne() async throws {
        let fixture = try DaemonFixture(interval: "1s")
        // Long enough to outlast the first 20-30 s of a full run on 2 cores, when every test starting at
        // once keeps the machine busy (20 s ran out once in CI before Telnyx's third crawl).
        fixture.simulator.inject(.slow(seconds: 60), provider: .puretalk)
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        #expect(await notify.wait(for: "READY=1"), "stderr: \(daemon.standardErrorText)")

        // Telnyx completes three crawls while PureTalk's first one is still held by the simulator.
        let healthyRepeated = await notify.wait { _ in
            DaemonFixture.crawlStatusCount(notify, account: "sim-telnyx") >= 3
        }
        #expect(healthyRepeated, "stderr: \(daemon.standardErrorText)")
        #expect(!notify.fields.contains { $0.hasPrefix("STATUS=last crawl: sim-puretalk") })
        let status = try fixture.status()
        guard case .array(let rows)? = status["accounts"] else {
            Issue.record("no accounts in \(status)")
            return
        }
        let puretalk = rows.first { $0["account"]?.stringValue == "sim-puretalk" }
        #expect(puretalk?["running"] == .bool(true))

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
