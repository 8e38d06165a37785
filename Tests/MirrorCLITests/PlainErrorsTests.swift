import Foundation
import MirrorCore
import TestSupport
import Testing

/// Errors in the words of the question, with the path and the reason (issue 13 item 9), and the
/// smaller leftovers of item 10: `verify --head` saying the head matched, `changes` with the local id,
/// `changes --follow` in the same columns and resumable with `--after`.
@Suite struct PlainErrorsTests {
    @Test func aRevisionTheAssistantDoesNotHaveIsNotFoundInItsOwnWords() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let label = "sim-puretalk/\(fixture.editedID)"
        let localID = try #require(try await fixture.client(["show", label, "--json"]).json()["id"]?.intValue)
        for (arguments, asked) in [
            (["diff", String(localID), "5"], String(localID)), (["diff", label, "1", "7"], label),
            (["diff", label, "9", "2"], label),
        ] {
            let run = try await fixture.client(arguments)
            #expect(run.status == 1, "\(arguments): \(run.errorOutput)")
            let number = arguments.last == "2" ? "9" : arguments.last!
            #expect(
                run.errorOutput.contains("no revision \(number) of assistant \(asked) (it has revisions 1–2)"),
                "\(run.errorOutput)"
            )
            #expect(!run.errorOutput.contains("parameter") && !run.errorOutput.contains("op diff"))
        }
        // An assistant with one revision: nothing to compare, said as such.
        let single = "sim-invent/\(fixture.simulator.assistantIDs(.invent)[0])"
        let lonely = try await fixture.client(["diff", single])
        #expect(lonely.status == 1)
        #expect(
            lonely.errorOutput.contains("nothing to compare: assistant \(single) has no revision before revision 1")
        )
    }

    @Test func aFileThatCannotBeWrittenIsNamedWithTheReason() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let missing = fixture.directory + "/no-such-directory"
        let report = try await fixture.client([
            "report", "prompts", "--format", "html", "--output", missing + "/r.html",
        ])
        #expect(report.status == 1)
        #expect(
            report.errorOutput.contains(
                "cannot write the report to \(missing)/r.html: the directory \(missing) does not exist"
            ),
            "\(report.errorOutput)"
        )
        #expect(!report.errorOutput.contains("The file doesn’t exist") && !report.errorOutput.contains("doesn't exist"))
        let intoDirectory = try await fixture.client(["report", "prompts", "--output", fixture.directory])
        #expect(intoDirectory.status == 1)
        #expect(intoDirectory.errorOutput.contains("\(fixture.directory) is a directory; name a file in it"))
        let underAFile = try await fixture.client([
            "report", "prompts", "--output", fixture.configurationPath + "/r.txt",
        ])
        #expect(underAFile.errorOutput.contains("\(fixture.configurationPath) is a file, not a directory"))

        let backup = try await fixture.run(["backup", "--config", fixture.configurationPath, "--to", missing + "/b.db"])
        #expect(backup.status == 1)
        #expect(
            backup.errorOutput.contains(
                "cannot write the backup to \(missing)/b.db: the directory \(missing) does not exist"
            )
        )
        let simulate = try await fixture.run([
            "simulate", "--listen", "127.0.0.1:0", "--write-config", missing + "/s.ini",
        ])
        #expect(simulate.status == 1)
        #expect(
            simulate.errorOutput.contains(
                "cannot write the configuration to \(missing)/s.ini: the directory \(missing) does not exist"
            ),
            "\(simulate.errorOutput)"
        )
    }

    @Test func verifyWithAMatchingHeadSaysSo() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let head = try #require(try await fixture.client(["status", "--json"]).json()["chain_head"])
        let text = "\(head["seq"]?.intValue ?? 0):\(head["hash"]?.stringValue ?? "")"
        let run = try await fixture.client(["verify", "--head", text])
        #expect(run.status == 0)
        #expect(run.output.contains("; anchored head seq \(head["seq"]?.intValue ?? 0) matched\n"), "\(run.output)")
        let plain = try await fixture.client(["verify"])
        #expect(!plain.output.contains("anchored"))
    }

    @Test func changesShowTheLocalIDAndFollowPrintsTheSameColumnsResumably() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let page = try await fixture.client(["changes", "--limit", "1000"])
        let header = try #require(page.output.split(separator: "\n").first)
        #expect(header.hasPrefix("SEQ") && header.contains(" ID ") && header.contains("ASSISTANT"), "\(header)")
        let label = "sim-puretalk/\(fixture.editedID)"
        let localID = try #require(try await fixture.client(["show", label, "--json"]).json()["id"]?.intValue)
        let edited = try #require(
            page.output.split(separator: "\n").first { $0.contains(label) && $0.contains("updated") }
        )
        let columns = edited.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(columns[2] == String(localID), "\(edited)")
        let feed = try await fixture.client(["changes", "--json", "--limit", "1000"]).json()
        #expect(feed["changes"]?.arrayValue?.allSatisfy { $0["assistant_id"]?.intValue != nil } == true)

        // --follow --after 12: the two later changes, in the page's columns, header first, SEQ first.
        let follow = try ChildProcess(
            CLIFixture.binary,
            ["changes", "--follow", "--after", "12", "--socket", fixture.socketPath],
            environment: fixture.environment
        )
        let streamed = await CLIFixture.eventually { follow.outputText.split(separator: "\n").count >= 3 }
        follow.send(SIGTERM)
        #expect(streamed, "follow printed: \(follow.outputText) \(follow.errorText)")
        let lines = follow.outputText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SEQ") == true && lines.first?.contains(" ID ") == true, "\(lines)")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["13", "14"], "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.contains("sim-") })
    }

}
