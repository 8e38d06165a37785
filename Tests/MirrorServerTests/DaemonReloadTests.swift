import Foundation
import Glibc
import Testing

/// SIGHUP on the real binary (reliability.md §7 check 5): the RELOADING=1 / MONOTONIC_USEC / READY=1
/// sequence, a valid file taking effect, an invalid one refused with one error while the daemon carries on.
@Suite(.serialized) struct DaemonReloadTests {
    /// Starts a daemon with a 1 h interval and waits until every account crawled once.
    private func startedDaemon(_ fixture: DaemonFixture, _ notify: NotifySocketRecorder) async throws -> DaemonProcess {
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        #expect(await notify.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.standardErrorText)")
        let crawled = await notify.wait { _ in
            DaemonFixture.accounts.allSatisfy { DaemonFixture.crawlStatusCount(notify, account: $0) >= 1 }
        }
        #expect(crawled, "stderr: \(daemon.standardErrorText)")
        let nextCrawls = DaemonFixture.nextCrawls(try fixture.status())
        #expect(nextCrawls.count == DaemonFixture.accounts.count)
        // 1 h less 10 % jitter.
        #expect(nextCrawls.values.allSatisfy { $0 > Date() + 50 * 60 })
        return daemon
    }

    /// Sends SIGHUP and waits for RELOADING=1 then READY=1; returns the RELOADING datagram.
    private func reload(
        _ daemon: DaemonProcess,
        _ notify: NotifySocketRecorder
    ) async throws -> NotifySocketRecorder.Datagram {
        let before = notify.datagrams.count
        daemon.send(SIGHUP)
        let completed = await notify.wait { datagrams in
            let after = datagrams.dropFirst(before).flatMap(\.fields)
            guard let reloading = after.firstIndex(of: "RELOADING=1") else { return false }
            return after[reloading...].contains("READY=1")
        }
        #expect(completed, "no RELOADING=1 then READY=1; stderr: \(daemon.standardErrorText)")
        return try #require(notify.datagrams.dropFirst(before).first { $0.fields.contains("RELOADING=1") })
    }

    @Test func aValidReloadSendsTheSequenceAndTakesTheNewInterval() async throws {
        let fixture = try DaemonFixture(interval: "1h")
        let notify = try fixture.notifyRecorder()
        let daemon = try await startedDaemon(fixture, notify)

        try fixture.writeConfiguration(interval: "30s")
        let reloading = try await reload(daemon, notify)
        let monotonicText = try #require(reloading.fields.first { $0.hasPrefix("MONOTONIC_USEC=") }?.dropFirst(15))
        let monotonic = try #require(UInt64(monotonicText))
        let difference = Int64(bitPattern: monotonic &- reloading.receivedAtMicroseconds)
        #expect(abs(difference) <= 1_000_000, "MONOTONIC_USEC is \(difference) µs off the test's CLOCK_MONOTONIC")

        // Each account's next crawl came forward to within the new interval (30 s + 10 % jitter).
        let nextCrawls = DaemonFixture.nextCrawls(try fixture.status())
        #expect(nextCrawls.count == DaemonFixture.accounts.count)
        #expect(nextCrawls.values.allSatisfy { $0 < Date() + 34 }, "\(nextCrawls)")
        #expect(daemon.logLines.contains { $0.contains("configuration reloaded") })
        #expect(!daemon.logLines.contains { $0.hasPrefix("<3>") })

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }

    @Test func anInvalidReloadIsRefusedWithOneErrorAndTheOldConfigurationKeepsRunning() async throws {
        let fixture = try DaemonFixture(interval: "1h")
        let notify = try fixture.notifyRecorder()
        let daemon = try await startedDaemon(fixture, notify)
        let logLinesBefore = daemon.logLines.count

        try fixture.writeConfiguration(text: "[mirror]\ninterval = soon\n")
        _ = try await reload(daemon, notify)

        #expect(daemon.isRunning)
        // The error line is written before READY=1 is sent.
        let newLines = daemon.logLines.dropFirst(logLinesBefore)
        let errors = newLines.filter { $0.hasPrefix("<3>") }
        #expect(errors.count == 1, "\(Array(newLines))")
        #expect(errors.first?.contains("reload refused") == true)
        #expect(errors.first?.contains("mirror.conf:2") == true, "the error should name file:line")
        // Still the old configuration: four accounts, next crawls an hour away.
        let nextCrawls = DaemonFixture.nextCrawls(try fixture.status())
        #expect(Set(nextCrawls.keys) == Set(DaemonFixture.accounts))
        #expect(nextCrawls.values.allSatisfy { $0 > Date() + 50 * 60 })

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
