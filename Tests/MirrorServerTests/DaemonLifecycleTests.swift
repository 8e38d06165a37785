import Foundation
import Glibc
import MirrorSimulator
import Testing

/// The real binary under a test that plays systemd (reliability.md §7 checks 3 and 7): the ready and stop
/// handshakes over sd_notify, stop signals, running without a notify socket, and a missing key.
@Suite(.serialized) struct DaemonLifecycleTests {
    @Test(arguments: [false, true])
    func readyArrivesOnlyOnceTheSocketAnswersAndSigtermStopsCleanly(abstractNotifySocket: Bool) async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder(abstract: abstractNotifySocket)
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))

        #expect(await notify.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.standardErrorText)")
        #expect(notify.readyProbe == true, "the socket did not answer a status query when READY=1 arrived")
        // A STATUS= line follows each crawl.
        #expect(
            await notify.wait { _ in
                DaemonFixture.accounts.allSatisfy { DaemonFixture.crawlStatusCount(notify, account: $0) >= 1 }
            }
        )

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
        let fields = notify.fields
        let ready = try #require(fields.firstIndex(of: "READY=1"))
        let stopping = try #require(fields.firstIndex(of: "STOPPING=1"))
        #expect(ready < stopping)
        #expect(notify.count(of: "READY=1") == 1)
        #expect(daemon.logLines.contains { $0.contains("stopped") })
    }

    @Test func sigintStopsCleanlyToo() async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        #expect(await notify.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.standardErrorText)")

        daemon.send(SIGINT)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
        #expect(notify.fields.contains("STOPPING=1"))
    }

    @Test func sigtermDuringAStuckCrawlCancelsItAndStopsCleanly() async throws {
        let fixture = try DaemonFixture()
        // Longer than the bound on the wait below: only cancelling the request lets the daemon stop in time.
        fixture.simulator.inject(.slow(seconds: 120), provider: .puretalk)
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        #expect(await notify.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.standardErrorText)")
        #expect(await notify.wait { _ in fixture.simulator.requests.contains { $0.provider == .puretalk } })

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
        #expect(notify.fields.contains("STOPPING=1"))
        #expect(notify.fields.contains { $0.hasPrefix("STATUS=last crawl: sim-puretalk interrupted") })
    }

    @Test func aSecondStopSignalDuringAStuckCrawlExitsAtOnceWithAFailureStatus() async throws {
        let fixture = try DaemonFixture()
        fixture.simulator.inject(.slow(seconds: 30), provider: .puretalk)
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        #expect(await notify.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.standardErrorText)")
        // The PureTalk list request has arrived and is being held for 30 s.
        #expect(await notify.wait { _ in fixture.simulator.requests.contains { $0.provider == .puretalk } })

        daemon.send(SIGTERM)
        daemon.send(SIGINT)
        #expect(await daemon.termination() == .exited(1), "stderr: \(daemon.standardErrorText)")
        #expect(notify.fields.contains("STOPPING=1"))
        #expect(daemon.logLines.contains { $0.contains("second stop signal") })
        #expect(!daemon.logLines.contains { $0.hasSuffix(": stopped") })
    }

    @Test func withoutANotifySocketItRunsServesAndStops() async throws {
        let fixture = try DaemonFixture()
        let daemon = try fixture.launch(environment: fixture.environment())
        let served = await eventuallyTrue {
            guard let status = try? fixture.status(), case .number(let revisions)? = status["revisions"] else {
                return false
            }
            return revisions != "0"
        }
        #expect(served, "no status with revisions; stderr: \(daemon.standardErrorText)")
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }

    @Test func aMissingKeyStopsStartUpBeforeReadyNamingTheAccountAndVariableButNoKey() async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let variable = ProviderSimulator.apiKeyEnvironmentVariable(for: .telnyx)
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify, [variable: nil]))

        let termination = try #require(await daemon.termination())
        #expect(termination != .exited(0))
        #expect(notify.count(of: "READY=1") == 0)
        let errors = daemon.logLines.filter { $0.hasPrefix("<3>") }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.contains("sim-telnyx"))
        #expect(error.contains(variable))
        let everything = daemon.standardErrorText + daemon.standardOutputText + notify.fields.joined(separator: "\n")
        for key in fixture.simulator.apiKeys.values {
            #expect(!everything.contains(key), "a key leaked into the output")
        }
        #expect(!fileExists(fixture.socketPath))
    }
}

/// Polls `condition` every 50 ms until it holds or `DaemonProcess.patience` runs out.
func eventuallyTrue(_ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + DaemonProcess.patience
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
