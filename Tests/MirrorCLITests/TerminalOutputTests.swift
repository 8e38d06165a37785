import Foundation
import MirrorCore
import Testing

@testable import MirrorCLI

/// The client commands as a person sees them on a terminal (a pseudo-terminal from script(1), sized with
/// stty(1), so the binary's own TIOCGWINSZ and isatty decide) and as a script sees them through a pipe.
@Suite struct TerminalOutputTests {
    /// Runs the binary on a pseudo-terminal `columns` wide; the output with CRLF turned back to LF.
    static func onTerminal(
        _ fixture: CLIFixture,
        _ arguments: [String],
        columns: Int,
        color: Bool = false
    ) async throws -> CLIFixture.Run {
        let quoted = ([CLIFixture.binary] + arguments + ["--socket", fixture.socketPath]).map { "'\($0)'" }
        var environment = fixture.environment
        environment["COLUMNS"] = nil
        if color { environment["NO_COLOR"] = nil }
        let run = try await fixture.run(
            ["-q", "-e", "-c", "stty cols \(columns) rows 50; exec \(quoted.joined(separator: " "))", "/dev/null"],
            environment: environment,
            executable: "/usr/bin/script"
        )
        return CLIFixture.Run(
            status: run.status,
            output: run.output.replacingOccurrences(of: "\r\n", with: "\n"),
            errorOutput: run.errorOutput
        )
    }

    static var fullTime: Regex<Substring> { #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/# }

    @Test("status, list and changes at 80 columns: fitted, ids whole, times short; piped: everything whole")
    func narrowTerminalAndPipe() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let ids =
            try await fixture.client(["list", "--json"]).json()["assistants"]?.arrayValue?
            .compactMap { $0["remote_id"]?.stringValue } ?? []
        #expect(ids.count == 11)  // 12 mirrored, 1 deleted
        for command in [["status"], ["list"], ["changes"]] {
            let terminal = try await Self.onTerminal(fixture, command, columns: 80)
            #expect(terminal.status == 0, "\(command): \(terminal.errorOutput)")
            for line in terminal.output.split(separator: "\n") {
                #expect(DisplayWidth.of(String(line)) <= 80, "\(command) at 80 columns: \(line)")
            }
            #expect(terminal.output.firstMatch(of: Self.fullTime) == nil, "\(command) shortens times on a terminal")
            let piped = try await fixture.run(
                command + ["--socket", fixture.socketPath],
                environment: fixture.environment.merging(["COLUMNS": "80"]) { $1 }
            )
            #expect(piped.output.firstMatch(of: Self.fullTime) != nil, "\(command) piped keeps whole times")
            #expect(!piped.output.contains("…") && !piped.output.contains("not shown"), "\(command) piped")
        }
        let list = try await Self.onTerminal(fixture, ["list"], columns: 80).output
        for id in ids {
            #expect(list.contains(id), "remote id \(id) whole at 80 columns")
        }
        let status = try await Self.onTerminal(fixture, ["status"], columns: 80).output
        #expect(status.contains("sim-interactly") && (status.contains(" ago") || status.contains("now")), "\(status)")
        let wide = try await Self.onTerminal(fixture, ["status"], columns: 200).output
        #expect(wide.contains("PROVIDER") && wide.contains("BREAKER") && !wide.contains("not shown"))
    }

    @Test("diff is coloured on a terminal only, never with NO_COLOR or through a pipe; show --snapshot is indented")
    func colourAndSnapshot() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let id = "sim-puretalk/\(fixture.editedID)"
        let coloured = try await Self.onTerminal(fixture, ["diff", id], columns: 100, color: true)
        #expect(coloured.output.contains("\u{1B}[32m+Never quote prices from memory.\u{1B}[0m"), "\(coloured.output)")
        await #expect(!(try Self.onTerminal(fixture, ["diff", id], columns: 100)).output.contains("\u{1B}["))
        await #expect(!(try fixture.client(["diff", id])).output.contains("\u{1B}["))
        await #expect(!(try fixture.client(["diff", id])).output.contains("No newline at end of file"))

        let pretty = try await Self.onTerminal(fixture, ["show", id, "--snapshot"], columns: 100).output
        let snapshot = try #require(pretty.components(separatedBy: "snapshot:\n").last)
        #expect(snapshot.hasPrefix("{\n  \""), "\(snapshot.prefix(80))")
        let piped = try await #require(
            try fixture.client(["show", id, "--snapshot"]).output.components(separatedBy: "snapshot:\n").last
        )
        #expect(piped.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
        #expect(try JSONParser.parse(Array(snapshot.utf8)) == JSONParser.parse(Array(piped.utf8)))
    }

    @Test("--json with --format html is an error, not a silent pick")
    func jsonWithFormat() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let run = try await fixture.client(["report", "prompts", "--json", "--format", "html"])
        #expect(run.status == 2 && run.errorOutput.contains("--json and --format html"))
        await #expect(try fixture.client(["report", "prompts", "--json", "--format", "json"]).status == 0)
    }
}
