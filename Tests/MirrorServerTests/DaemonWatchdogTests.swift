import Foundation
import Glibc
import Testing

/// The service watchdog on the real binary (reliability.md §7 check 4, sd_watchdog_enabled(3)).
@Suite(.serialized) struct DaemonWatchdogTests {
    enum WatchdogPID: String, CaseIterable {
        /// `WATCHDOG_PID` unset: the interval applies to whoever reads it.
        case unset
        /// `WATCHDOG_PID` = the daemon's own pid, as systemd sets it: a shell exports `$$` and execs the binary,
        /// keeping its pid.
        case daemonItself
    }

    @Test(arguments: WatchdogPID.allCases)
    func pingsArriveRepeatedly(pid: WatchdogPID) async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let environment = fixture.environment(notify: notify, ["WATCHDOG_USEC": "1000000"])
        let daemon: DaemonProcess
        switch pid {
        case .unset:
            daemon = try fixture.launch(environment: environment)
        case .daemonItself:
            daemon = try DaemonProcess(
                executable: "/bin/sh",
                arguments: [
                    "-c", "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$0\" \"$@\"", try DaemonProcess.binaryPath(),
                    "daemon", "--config", fixture.configurationPath,
                ],
                environment: environment
            )
        }
        #expect(await notify.wait(for: "WATCHDOG=1", count: 4), "stderr: \(daemon.standardErrorText)")
        #expect(notify.fields.contains("READY=1"))
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }

    @Test func noPingsWhenTheWatchdogIsMeantForAnotherProcess() async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(
            environment: fixture.environment(
                notify: notify,
                ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": String(getpid())]
            )
        )
        #expect(await notify.wait(for: "READY=1"), "stderr: \(daemon.standardErrorText)")
        // An observation window of six ping periods (an absence can only be watched for a while).
        try await Task.sleep(for: .seconds(3))
        #expect(daemon.isRunning)
        #expect(notify.count(of: "WATCHDOG=1") == 0)
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
