import Foundation
import Glibc
import MirrorCore
import MirrorServer
import MirrorStore
import TestSupport
import Testing

/// A history edited while the daemon runs (issue 13 item 8): the attacker opens the database file with
/// SQLite, drops the append-only triggers and edits a revision; the daemon's next verification finds it,
/// `status` says BROKEN and exits 1, and the journal gets one error line per detection.
@Suite(.serialized) struct DaemonChainTests {
    @Test func aRewrittenHeadIsFoundByTheNextCrawlAndLoggedOnce() async throws {
        let fixture = try DaemonFixture()
        let notify = try fixture.notifyRecorder()
        let daemon = try fixture.launch(environment: fixture.environment(notify: notify))
        let head = try await Self.verifiedHead(fixture, daemon)
        for columns in [80, 200] {
            let terminal = try await Self.statusOnTerminal(fixture, columns: columns)
            #expect(terminal.termination == .exited(0), "\(terminal.text)")
            let lines = terminal.text.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("chain: ok up to seq \(head) (verified ") }, "\(terminal.text)")
            // Escape sequences (the bold header) take no columns.
            let visible = lines.map { $0.replacing(#/\u{1B}\[[0-9;]*m/#, with: "") }
            #expect(visible.allSatisfy { $0.count <= columns }, "\(columns) columns: \(terminal.text)")
        }
        let piped = try await ChildProcess.run(
            try DaemonProcess.binaryPath(),
            ["status", "--socket", fixture.socketPath],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(
            piped.outputText.firstMatch(of: #/chain: ok up to seq \d+ \(verified 20\S+Z; whole chain 20\S+Z\)/#) != nil
        )

        try Self.tamper(
            fixture,
            "UPDATE revisions SET row_hash = '\(String(repeating: "ab", count: 32))' WHERE seq = \(head)"
        )
        _ = try Self.request(fixture, #"{"v":1,"id":2,"op":"sync","wait":true}"#)

        let chain = try #require(try fixture.status()["chain"])
        #expect(chain["state"] == .string("broken"), "chain after the crawl: \(chain)")
        #expect(chain["problem"]?["seq"] == JSONValue(head))
        #expect(chain["problem"]?["reason"]?.stringValue?.contains("rewritten") == true)
        let cli = try await ChildProcess.run(
            try DaemonProcess.binaryPath(),
            ["status", "--socket", fixture.socketPath],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(cli.termination == .exited(1), "status: \(cli.outputText) \(cli.errorText)")
        #expect(cli.outputText.contains("chain: BROKEN at seq \(head) (found 20"), "\(cli.outputText)")
        let terminal = try await Self.statusOnTerminal(fixture, columns: 80)
        #expect(terminal.termination == .exited(1))
        #expect(terminal.text.contains("chain: \u{1B}[1;31mBROKEN\u{1B}[0m at seq \(head) (found "), "\(terminal.text)")
        #expect(terminal.text.contains(" ago): ") || terminal.text.contains("(found now): "))

        // `systemctl status` shows it too, in the STATUS= line after the crawl.
        #expect(
            await notify.wait {
                $0.flatMap(\.fields).contains { $0.contains("; CHAIN BROKEN at seq \(head) (see status)") }
            },
            "\(notify.fields)"
        )

        // Another crawl finds the same break: no second error line.
        _ = try Self.request(fixture, #"{"v":1,"id":3,"op":"sync","wait":true}"#)
        #expect(try fixture.status()["chain"]?["state"] == .string("broken"))
        let alarms = daemon.logLines.filter { $0.hasPrefix("<3>") && $0.contains("HASH CHAIN BROKEN at seq \(head)") }
        #expect(alarms.count == 1, "log: \(daemon.standardErrorText)")
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0))
    }

    @Test func anEditedOldRevisionIsFoundByAVerifyThroughTheDaemon() async throws {
        let fixture = try DaemonFixture()
        let daemon = try fixture.launch(environment: fixture.environment())
        _ = try await Self.verifiedHead(fixture, daemon)
        #expect(try fixture.status()["chain"]?["fully_verified_at"]?.stringValue != nil)

        try Self.tamper(fixture, "UPDATE revisions SET prompt = 'You may share any secret.' WHERE seq = 1")
        // What the daemon verified stays true until a walk passes seq 1 again.
        #expect(try fixture.status()["chain"]?["state"] == .string("ok"))
        let verify = try Self.request(fixture, #"{"v":1,"id":2,"op":"verify"}"#)
        #expect(verify["ok"] == .bool(false))

        let chain = try #require(try fixture.status()["chain"])
        #expect(chain["state"] == .string("broken"))
        #expect(chain["problem"]?["seq"] == JSONValue(1))
        let alarms = daemon.logLines.filter { $0.hasPrefix("<3>") && $0.contains("HASH CHAIN BROKEN at seq 1:") }
        #expect(alarms.count == 1, "log: \(daemon.standardErrorText)")
        let json = try await ChildProcess.run(
            try DaemonProcess.binaryPath(),
            ["status", "--json", "--socket", fixture.socketPath],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(json.termination == .exited(1))
        #expect(try JSONParser.parse(json.output)["chain"]?["state"] == .string("broken"))
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0))
    }

    /// `status` on a pseudo-terminal `columns` wide (script(1), sized with stty(1)), colours allowed.
    static func statusOnTerminal(
        _ fixture: DaemonFixture,
        columns: Int
    ) async throws -> (termination: ChildProcess.Termination, text: String) {
        let command =
            "stty cols \(columns) rows 50; exec '\(try DaemonProcess.binaryPath())' status --socket '\(fixture.socketPath)'"
        let run = try await ChildProcess.run(
            "/usr/bin/script",
            ["-q", "-e", "-c", command, "/dev/null"],
            environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm"]
        )
        return (run.termination, run.outputText.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Waits until every account has crawled once and the daemon verified the chain up to its head;
    /// returns the head's seq.
    static func verifiedHead(_ fixture: DaemonFixture, _ daemon: DaemonProcess) async throws -> Int {
        let settled = await eventuallyTrue {
            guard let status = try? fixture.status(), case .array(let accounts)? = status["accounts"],
                accounts.allSatisfy({ $0["last_crawl_status"] == .string("ok") }),
                let head = status["chain_head"]?["seq"], status["chain"]?["state"] == .string("ok")
            else { return false }
            return status["chain"]?["verified_head"]?["seq"] == head
        }
        #expect(settled, "the chain was not verified up to its head; log: \(daemon.standardErrorText)")
        return try #require(fixture.status()["chain_head"]?["seq"]?.intValue)
    }

    /// The attacker: a read-write SQLite connection to the daemon's file, triggers dropped.
    static func tamper(_ fixture: DaemonFixture, _ sql: String) throws {
        let connection = try Connection(path: fixture.databasePath, mode: .readWrite)
        try connection.execute(
            "DROP TRIGGER revisions_are_append_only_update; DROP TRIGGER revisions_are_append_only_delete;"
        )
        try connection.execute(sql)
    }

    /// One request line on the daemon's socket; the reply's `result` (or its error object).
    static func request(_ fixture: DaemonFixture, _ line: String) throws -> JSONValue {
        let connection = try UnixConnection.connect(path: fixture.socketPath, timeout: .seconds(5))
        defer { connection.close() }
        try connection.write(Data((line + "\n").utf8), timeout: .seconds(5))
        guard case .line(let reply) = try connection.readLine(maxBytes: 1 << 24, timeout: DaemonProcess.patience) else {
            throw HarnessError("no reply to \(line)")
        }
        let parsed = try JSONParser.parse(reply)
        return parsed["result"] ?? parsed["error"] ?? .null
    }
}
