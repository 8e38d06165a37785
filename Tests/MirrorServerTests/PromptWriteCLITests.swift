import Foundation
import Glibc
import MirrorCore
import MirrorSimulator
import MirrorStore
import TestSupport
import Testing

@testable import MirrorServer

/// `assistant-mirror set-prompt` and `revert` as a person runs them: the real daemon binary with
/// `write = on` for its PureTalk account, the real CLI binary, exit statuses and output.
@Suite struct PromptWriteCLITests {
    /// The daemon, with its PureTalk account's first crawl stored.
    static func runningDaemon(_ fixture: DaemonFixture) async throws -> DaemonProcess {
        let text = fixture.simulator.sampleConfiguration(
            database: fixture.databasePath,
            socket: fixture.socketPath,
            interval: "1h"
        )
        try text.replacingOccurrences(of: "[account \"sim-puretalk\"]", with: "[account \"sim-puretalk\"]\nwrite = on")
            .write(toFile: fixture.configurationPath, atomically: true, encoding: .utf8)
        let daemon = try fixture.launch(environment: fixture.environment())
        let crawled = await eventuallyTrue {
            let sql = """
                SELECT count(*) FROM crawls c JOIN accounts ac ON ac.id = c.account_id
                WHERE ac.name = 'sim-puretalk' AND c.status = 'ok'
                """
            return ((try? MirrorReader(path: fixture.databasePath).scalarInt(sql)) ?? 0) ?? 0 > 0
        }
        guard crawled else { throw HarnessError("no PureTalk crawl; stderr: \(daemon.standardErrorText)") }
        return daemon
    }

    static func cli(_ arguments: [String], socket: String) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(try DaemonProcess.binaryPath(), arguments + ["--socket", socket])
    }

    @Test func dryRunThenWriteThenHistoryThroughTheBinary() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await Self.runningDaemon(fixture)
        let id = fixture.simulator.assistantIDs(.puretalk)[0]
        let label = "sim-puretalk/\(id)"

        let usage = try await Self.cli(["set-prompt", label, "--text", "New."], socket: fixture.socketPath)
        #expect(usage.status == 2)
        #expect(usage.errorText.contains("--reason TEXT is required"))

        let preview = try await Self.cli(
            ["set-prompt", label, "--text", "New.", "--reason", "shorter", "--dry-run"],
            socket: fixture.socketPath
        )
        #expect(preview.status == 0, "\(preview.errorText)")
        #expect(preview.outputText.contains("+New."))
        #expect(preview.outputText.contains("PATCH http://127.0.0.1:\(fixture.simulator.port)/"))
        #expect(preview.outputText.contains("X-API-KEY: <api-key>"))
        #expect(preview.outputText.contains(#"{"prompt":"New."}"#))
        #expect(!preview.outputText.contains(fixture.simulator.apiKeys[.puretalk]!))
        #expect(fixture.simulator.writes.isEmpty)

        let written = try await Self.cli(
            ["set-prompt", label, "--text", "New.", "--reason", "shorter"],
            socket: fixture.socketPath
        )
        #expect(written.status == 0, "\(written.errorText)")
        #expect(written.outputText.contains("editor \(PromptWriteTests.ownEditor)"))
        #expect(fixture.simulator.mainPrompt(.puretalk, id: id) == "New.")

        let history = try await Self.cli(["history", label], socket: fixture.socketPath)
        #expect(history.outputText.contains("writes through the mirror:"))
        #expect(history.outputText.contains("set-prompt by \(PromptWriteTests.ownEditor): written as revision 2"))
        #expect(history.outputText.contains("Reason: shorter"))

        // Another account of the same daemon is not switched on: refused, exit 1, and recorded.
        let telnyx = "sim-telnyx/\(fixture.simulator.assistantIDs(.telnyx)[0])"
        let off = try await Self.cli(["revert", telnyx, "1", "--reason", "undo"], socket: fixture.socketPath)
        #expect(off.status == 1)
        #expect(off.errorText.contains("(write_disabled)"))
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0))
        #expect(!daemon.standardErrorText.contains("New."))
        #expect(!daemon.standardErrorText.contains(fixture.simulator.apiKeys[.puretalk]!))
    }

    @Test(.enabled(if: QueryServerAccessTests.canSwitchUser))
    func theBinaryRunAsAnotherUserIsForbidden() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await Self.runningDaemon(fixture)
        guard chmod(fixture.directory.path, 0o711) == 0, chmod(fixture.socketPath, 0o666) == 0 else {
            throw SystemError(call: "chmod", errno: errno, detail: fixture.socketPath)
        }
        let label = "sim-puretalk/\(fixture.simulator.assistantIDs(.puretalk)[0])"
        let run = try await ChildProcess.run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", try DaemonProcess.binaryPath(), "set-prompt", label,
                "--text", "Not yours.", "--reason", "trying", "--socket", fixture.socketPath,
            ]
        )
        #expect(run.status == 1)
        #expect(run.errorText.contains("(forbidden)"), "\(run.errorText)")
        #expect(fixture.simulator.writes.isEmpty)
        daemon.send(SIGTERM)
        _ = await daemon.termination()
    }
}
