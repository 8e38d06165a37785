import Foundation
import MirrorCore
import MirrorSimulator
import TestSupport
import Testing

/// A held-up crawl says so (issue 13 item 9), and the journal's `<N>` prefixes appear only where a
/// program reads the log, never on a person's terminal (item 10).
@Suite struct ProgressAndLogPrefixTests {
    /// An account whose provider refuses connections: 127.0.0.1 port 9 (discard) has no listener here.
    static func deadHostConfiguration(_ fixture: CLIFixture) throws -> String {
        let path = fixture.directory + "/dead.ini"
        try """
        [mirror]
        database = dead.db
        socket = dead.sock

        [account "puretalk-prod"]
        provider = puretalk
        api-key-env = DEAD_KEY
        base-url = http://127.0.0.1:9/api
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("sync against a dead host prints a line per retry at once")
    func syncAgainstADeadHostSaysWhatItWaitsFor() async throws {
        let fixture = try CLIFixture()
        let configuration = try Self.deadHostConfiguration(fixture)
        var environment = fixture.environment
        environment["DEAD_KEY"] = "k"
        let sync = try ChildProcess(
            CLIFixture.binary,
            ["sync", "--config", configuration],
            environment: environment,
            directory: fixture.directory
        )
        // Said while it waits (the backoff ahead of it is seconds long), not only once it gives up. The
        // line is watched from this thread, without an await between seeing it and asking whether the
        // child still runs: in a loaded full run an awaiting poll resumed 20 s late, when the jittered
        // backoffs (1 s doubling, full jitter) had sometimes all run out.
        let deadline = ContinuousClock.now + .seconds(60)
        var retried = false
        var stillWaiting = false
        while !retried, ContinuousClock.now < deadline {
            retried = sync.errorText.contains("HTTP retry 2 of")
            stillWaiting = sync.isRunning
            if !retried { usleep(10_000) }
        }
        sync.send(SIGKILL)
        #expect(retried, "stderr: \(sync.errorText)")
        #expect(stillWaiting)
        let line = try #require(sync.errorText.split(separator: "\n").first { $0.contains("HTTP retry 2 of") })
        #expect(line.hasPrefix("sync: puretalk-prod: HTTP retry 2 of 6 in "), "\(line)")
        #expect(line.contains("GET 127.0.0.1:9 failed: the connection was refused"), "\(line)")
        #expect(!line.hasPrefix("<"))
    }

    @Test("the daemon's log has <N> prefixes through a pipe and words on a terminal")
    func journalPrefixesOnlyOffTerminals() async throws {
        let fixture = try CLIFixture()
        var environment = fixture.environment
        environment[ProviderSimulator.apiKeyEnvironmentVariable(for: .telnyx)] = nil
        let piped = try await fixture.run(["daemon", "--config", fixture.configurationPath], environment: environment)
        #expect(piped.status == 3)
        #expect(piped.errorOutput.hasPrefix("<3>assistant-mirror: cannot start: "), "\(piped.errorOutput)")

        let command = "exec '\(CLIFixture.binary)' daemon --config '\(fixture.configurationPath)'"
        let terminal = try await fixture.run(
            ["-q", "-e", "-c", command, "/dev/null"],
            environment: environment,
            executable: "/usr/bin/script"
        )
        #expect(terminal.status == 3)
        #expect(terminal.output.hasPrefix("error: assistant-mirror: cannot start: "), "\(terminal.output)")
        #expect(!terminal.output.contains("<3>") && !terminal.output.contains("<5>"))
    }

}
