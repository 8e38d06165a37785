import Foundation
import MirrorServer
import Testing

/// A daemon that takes its time: it answers one `verify` after `delay`.
@Suite struct SlowDaemonTests {
    static let reply = #"{"v":1,"id":1,"ok":true,"result":{"ok":true,"checked":3,"head":null,"problem":null}}"#

    @Test("a slow answer is announced after a second: one line piped, a counter on a terminal")
    func waitingForTheDaemonIsSaid() async throws {
        let fixture = try CLIFixture()
        for terminal in [false, true] {
            let socket = fixture.directory + "/slow-\(terminal).sock"
            let listener = try UnixListener.bind(path: socket)
            let serving = Thread {
                guard let connection = try? listener.accept(timeout: .seconds(30)) else { return }
                _ = try? connection.readLine(maxBytes: 1 << 16, timeout: .seconds(30))
                Thread.sleep(forTimeInterval: 2.2)
                try? connection.write(Data((Self.reply + "\n").utf8), timeout: .seconds(5))
                connection.close()
            }
            serving.start()
            let run: CLIFixture.Run
            if terminal {
                let command = "exec '\(CLIFixture.binary)' verify --socket '\(socket)'"
                run = try await fixture.run(["-q", "-e", "-c", command, "/dev/null"], executable: "/usr/bin/script")
                #expect(run.output.contains(#/verify: waiting for the daemon's answer: \d+ s/#), "\(run.output)")
                #expect(run.output.contains("\r\u{1B}[K"), "the counter is cleared before the result")
            } else {
                run = try await fixture.run(["verify", "--socket", socket])
                let notes = run.errorOutput.split(separator: "\n").filter { $0.contains("waiting for the daemon") }
                #expect(
                    notes == ["verify: waiting for the daemon's answer: still going after 1 s"],
                    "\(run.errorOutput)"
                )
            }
            #expect(run.status == 0)
            #expect(run.output.contains("chain intact: 3 revisions"))
            listener.close()
        }
    }
}
