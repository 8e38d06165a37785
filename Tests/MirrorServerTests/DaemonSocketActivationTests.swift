import Foundation
import Glibc
import Testing

@testable import MirrorServer

/// Socket activation of the real binary (reliability.md §7 check 6, sd_listen_fds(3)), with systemd's own
/// `systemd-socket-activate` passing the listening socket as descriptor 3.
@Suite(.serialized) struct DaemonSocketActivationTests {
    static let activator = "/usr/bin/systemd-socket-activate"

    @Test func anInheritedSocketIsServedAndLeftInPlace() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.activator) else {
            Issue.record("\(Self.activator) is missing (package systemd): socket activation is untested")
            return
        }
        let fixture = try DaemonFixture()
        let activated = fixture.directory.file("activated.sock")
        let notify = try fixture.notifyRecorder(probing: activated)
        var arguments = ["-l", activated]
        for (name, value) in fixture.environment(notify: notify) { arguments += ["-E", "\(name)=\(value)"] }
        arguments += [try DaemonProcess.binaryPath(), "daemon", "--config", fixture.configurationPath]
        let daemon = try DaemonProcess(
            executable: Self.activator,
            arguments: arguments,
            environment: ["PATH": "/usr/bin:/bin"]
        )

        #expect(await eventuallyTrue { fileExists(activated) }, "stderr: \(daemon.standardErrorText)")
        let inodeBefore = try Posix.lstat(activated).st_ino
        // systemd-socket-activate starts the daemon on the first connection; this query is that connection.
        let status = try DaemonFixture.query(socket: activated, op: "status")
        #expect(status["daemon"]?["pid"]?.intValue == Int(daemon.pid))
        #expect(await notify.wait(for: "READY=1"), "stderr: \(daemon.standardErrorText)")
        #expect(notify.readyProbe == true)
        #expect(try Posix.lstat(activated).st_ino == inodeBefore)
        // It did not bind the configured path: the inherited socket is the only one.
        #expect(!fileExists(fixture.socketPath))
        #expect(daemon.logLines.contains { $0.contains("using the socket passed by systemd") })

        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }

    @Test func activationVariablesForAnotherProcessAreIgnored() async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(
            environment: fixture.environment(notify: notify, ["LISTEN_FDS": "1", "LISTEN_PID": String(getpid())])
        )
        #expect(await notify.wait(for: "READY=1"), "stderr: \(daemon.standardErrorText)")
        #expect(notify.readyProbe == true, "the daemon should have bound its own socket at the configured path")
        #expect(try fixture.status()["daemon"]?["pid"]?.intValue == Int(daemon.pid))
        #expect(!daemon.logLines.contains { $0.contains("using the socket passed by systemd") })
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
