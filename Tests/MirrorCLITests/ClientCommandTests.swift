import Foundation
import MirrorCLI
import MirrorCore
import Testing

/// The client commands of the built binary against a real server: human tables, `--json`, exit statuses.
@Suite struct ClientCommandTests {
    static let clientCommands = ["status", "list", "show", "history", "diff", "changes", "report", "verify"]

    @Test func statusAsTableAndJSON() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let table = try await fixture.client(["status"])
        #expect(table.status == 0, "\(table.errorOutput)")
        #expect(table.output.contains("ACCOUNT") && table.output.contains("BREAKER"))
        for provider in ["puretalk", "invent", "telnyx", "interactly"] {
            #expect(table.output.contains("sim-\(provider)"))
        }
        #expect(table.output.contains("chain head: "))
        // Every account has finished a crawl, so the LAST CRAWL column shows a time for each.
        for line in table.output.split(separator: "\n") where line.hasPrefix("sim-") {
            #expect(line.contains("T") && line.contains("Z"), "\(line)")
        }

        let json = try await fixture.client(["status", "--json"]).json()
        #expect(json["accounts"]?.arrayValue?.count == 4)
        let head = try #require(json["chain_head"]?["seq"]?.intValue)
        #expect(table.output.contains("chain head: \(head):\(json["chain_head"]?["hash"]?.stringValue ?? "?")"))
    }

    @Test func listAsTableAndJSONWithOptionsAnywhere() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let table = try await fixture.client(["list"])
        #expect(table.status == 0)
        #expect(table.output.contains("REMOTE ID"))
        #expect(table.output.contains(fixture.editedID))
        #expect(!table.output.contains(fixture.deletedID))

        let json = try await fixture.run(["list", "--json", "--socket", fixture.socketPath, "--deleted"]).json()
        #expect(json["assistants"]?.arrayValue?.count == 12)
        let invent = try await fixture.client(["list", "--provider", "invent", "--json", "--limit", "2"]).json()
        #expect(invent["assistants"]?.arrayValue?.map { $0["provider"] } == ["invent", "invent"])
        await #expect(try fixture.client(["list", "--limit", "ten"]).status == 2)
    }

    @Test func showHistoryAndDiffOfOneAssistant() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let id = "sim-puretalk/\(fixture.editedID)"

        let show = try await fixture.client(["show", id])
        #expect(show.status == 0)
        #expect(show.output.contains("prompt:\n" + CLIFixture.editedPrompt))
        // Options before the positional, `--name=value` form.
        let shown = try await fixture.run(["show", "--json", "--socket=\(fixture.socketPath)", id]).json()
        #expect(shown["prompt"] == .string(CLIFixture.editedPrompt))
        #expect(shown["revision"] == 2)
        // The bare remote id and the local id reach the same assistant.
        await #expect(try fixture.client(["show", fixture.editedID, "--json"]).json()["id"] == shown["id"])
        await #expect(
            try fixture.client(["show", shown["id"]?.intValue.map(String.init) ?? "?", "--json"]).json()["remote_id"]
                == shown["remote_id"]
        )

        let history = try await fixture.client(["history", id])
        #expect(history.status == 0)
        #expect(history.output.contains("created") && history.output.contains("updated"))
        // No provider names the editor: the table shows the hint, marked as a hint.
        #expect(history.output.contains("hint: "))
        let revisions = try await fixture.client(["history", id, "--json"]).json()["revisions"]?.arrayValue ?? []
        #expect(revisions.map { $0["change_kind"] } == ["created", "updated"])

        let diff = try await fixture.client(["diff", id])
        #expect(diff.status == 0)
        #expect(diff.output.contains("+Never quote prices from memory."))
        #expect(diff.output.contains("+++ \(id) revision 2"))
        // The main prompt appears once, as the line diff, not again among the other fields.
        #expect(!diff.output.contains("\n  prompt: "))
        let explicit = try await fixture.client(["diff", id, "1", "2", "--json"]).json()
        #expect(explicit["from"] == 1 && explicit["to"] == 2)
        #expect(explicit["new_prompt"] == .string(CLIFixture.editedPrompt))
        await #expect(try fixture.client(["diff", id, "two"]).status == 2)
    }

    @Test func changesVerifyAndReports() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let changes = try await fixture.client(["changes"])
        #expect(changes.status == 0)
        #expect(changes.output.contains("SEQ") && changes.output.contains("deleted"))
        #expect(changes.errorOutput.contains("next cursor: --after"))
        let feed = try await fixture.client(["changes", "--json", "--limit", "1000"]).json()
        let rows = feed["changes"]?.arrayValue ?? []
        #expect(rows.count == 14)  // 12 created, 1 updated, 1 deleted
        let tail = try await fixture.client(["changes", "--json", "--after", "12"]).json()
        // The second sync crawled the accounts concurrently: either order.
        #expect(
            Set(tail["changes"]?.arrayValue?.compactMap { $0["change_kind"]?.stringValue } ?? []) == [
                "updated", "deleted",
            ]
        )

        let verify = try await fixture.client(["verify"])
        #expect(verify.status == 0)
        // 14 revisions, and the attribution of the Telnyx deletion from the simulator's audit log.
        #expect(verify.output.hasPrefix("chain intact: 15 revisions"))
        await #expect(try fixture.client(["verify", "--json"]).json()["ok"] == true)
        let broken = try await fixture.client(["verify", "--head", "14:" + String(repeating: "f", count: 64)])
        #expect(broken.status == 1)
        #expect(broken.output.contains("BROKEN"))
        let mistyped = try await fixture.client(["verify", "--head", "14:nothex"])
        #expect(mistyped.status == 2)
        #expect(mistyped.errorOutput.contains("--head '14:nothex' should be SEQ:HASH"))

        let csv = try await fixture.client(["report", "prompts", "--format", "csv"])
        #expect(csv.status == 0)
        let header = csv.output.split(separator: "\r\n").first.map(String.init) ?? ""
        for column in [
            "account", "provider", "remote_id", "revision", "observed_at", "previous_observed_at",
            "provider_updated_at", "changed_by", "actor_hint", "old_prompt", "new_prompt",
        ] {
            #expect(header.contains("\"\(column)\""), "CSV column \(column)")
        }
        let json = try await fixture.client(["report", "prompts", "--format", "json"]).json()
        #expect(json["rows"]?.arrayValue?.contains { $0["new_prompt"] == .string(CLIFixture.editedPrompt) } == true)
        let markdown = try await fixture.client(["report", "prompts", "--format", "markdown"])
        #expect(markdown.output.hasPrefix("# Prompt changes"))
        let html = try await fixture.client(["report", "prompts", "--format", "html", "--since", "2000-01-01"])
        #expect(html.output.contains("<!DOCTYPE html>"))
        let text = try await fixture.client(["report", "--since", "30d", "prompts"])
        #expect(text.output.hasPrefix("Prompt changes"))
        await #expect(try fixture.client(["report", "prompts", "--format", "pdf"]).status == 2)
        await #expect(try fixture.client(["report", "costs"]).status == 2)
    }

    @Test func helpOnEveryCommand() async throws {
        let fixture = try CLIFixture()
        for command in MirrorCLI.commands.map(\.name) {
            let run = try await fixture.run([command, "--help"])
            #expect(run.status == 0, "\(command) --help")
            #expect(run.output.hasPrefix("assistant-mirror \(command)"), "\(command) --help")
            #expect(run.output.contains("--help"))
        }
        let overview = try await fixture.run(["--help"])
        #expect(overview.status == 0)
        for command in MirrorCLI.commands.map(\.name) { #expect(overview.output.contains("  \(command)")) }
    }

    @Test func unknownOptionIsAUsageError() async throws {
        let fixture = try CLIFixture()
        for command in Self.clientCommands {
            let run = try await fixture.run([command, "--frobnicate", "--socket", fixture.socketPath])
            #expect(run.status == 2, "\(command)")
            #expect(run.errorOutput.contains("unknown option --frobnicate"))
            #expect(run.errorOutput.contains("assistant-mirror \(command) --help"))
        }
        await #expect(try fixture.run(["frobnicate"]).status == 2)
        await #expect(try fixture.run([]).status == 2)
        await #expect(try fixture.run(["show", "--socket", fixture.socketPath]).status == 2)
    }

    @Test func noDaemonListeningExitsThreeNamingTheSocket() async throws {
        let fixture = try CLIFixture()
        let missing = fixture.directory + "/nobody-here.sock"
        for arguments in [
            ["status"], ["list"], ["show", "a/b"], ["history", "a/b"], ["diff", "a/b"], ["changes"], ["verify"],
            ["report", "prompts"],
        ] {
            let run = try await fixture.run(arguments + ["--socket", missing])
            #expect(run.status == 3, "\(arguments)")
            #expect(run.errorOutput.contains(missing))
            #expect(run.errorOutput.contains("--socket"))
        }
        // The socket path of --config is used when --socket is absent.
        let viaConfig = try await fixture.run(["status", "--config", fixture.configurationPath])
        #expect(viaConfig.status == 3)
        #expect(viaConfig.errorOutput.contains(fixture.socketPath))
    }

    @Test func notFoundExitsOne() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        for command in ["show", "history", "diff"] {
            let run = try await fixture.client([command, "sim-puretalk/no-such-assistant"])
            #expect(run.status == 1, "\(command)")
            #expect(run.errorOutput.contains("no-such-assistant"))
            #expect(run.errorOutput.contains("not_found"))
        }
    }
}
