import Foundation
import MirrorCore
import Testing

/// One notion of prompt-bearing (issue 13 item 6): a change to a field that the account's provider
/// description lists under `prompts` (here set in the configuration, for Interactly's actions) is a
/// prompt change in `diff` exactly as in `history` and the report.
@Suite struct DiffPromptBearingTests {
    static let before = "Look the order up.\nAsk for the order number first."
    static let after = "Look the order up.\nAsk for the order number and the postcode first."

    @Test func anActionsInstructionsEditIsAPromptChangeInDiffHistoryAndReport() async throws {
        let fixture = try CLIFixture()
        let configuration = try String(contentsOfFile: fixture.configurationPath, encoding: .utf8)
        try (configuration + "\n[provider \"interactly\"]\nprompts = actions[*].instructions\n")
            .write(toFile: fixture.configurationPath, atomically: true, encoding: .utf8)
        let id = fixture.simulator.assistantIDs(.interactly)[0]
        #expect(
            fixture.simulator.setField(
                .interactly,
                id: id,
                path: "actions",
                value: [["name": "lookup", "instructions": Self.before]],
                bumpUpdatedAt: true
            )
        )
        try await fixture.mirrorAndServe()
        #expect(
            fixture.simulator.setField(
                .interactly,
                id: id,
                path: "actions.0.instructions",
                value: Self.after,
                bumpUpdatedAt: true
            )
        )
        let sync = try await fixture.run(["sync", "--config", fixture.configurationPath])
        #expect(sync.status == 0, "\(sync.errorOutput)")
        let label = "sim-interactly/\(id)"

        let history = try await fixture.client(["history", label, "--json"]).json()
        let latest = try #require(history["revisions"]?.arrayValue?.last)
        #expect(latest["prompt_changed"] == .bool(true))
        let report = try await fixture.client(["report", "prompts", "--json", "--account", "sim-interactly"]).json()
        #expect(report["rows"]?.arrayValue?.contains { $0["remote_id"] == .string(id) && $0["revision"] == 2 } == true)

        let diff = try await fixture.client(["diff", label])
        #expect(diff.status == 0, "\(diff.errorOutput)")
        #expect(!diff.output.contains("prompt: unchanged"), "\(diff.output)")
        #expect(diff.output.hasPrefix("the main prompt is unchanged; other prompt-bearing fields changed:\n"))
        #expect(diff.output.contains("+++ \(label) revision 2 actions[0].instructions"))
        #expect(diff.output.contains("-Ask for the order number first."))
        #expect(diff.output.contains("+Ask for the order number and the postcode first."))
        // Shown once, as a line diff, not again among the other fields.
        #expect(!diff.output.contains("  actions[0].instructions: "))
        let json = try await fixture.client(["diff", label, "1", "2", "--json"]).json()
        let field = json["fields"]?.arrayValue?.first { $0["path"] == .string("actions[0].instructions") }
        #expect(field?["prompt_bearing"] == .bool(true))

        // A change of no prompt-bearing field still reads "prompt: unchanged".
        #expect(
            fixture.simulator.setField(.interactly, id: id, path: "actions.0.name", value: "find", bumpUpdatedAt: true)
        )
        #expect(try await fixture.run(["sync", "--config", fixture.configurationPath]).status == 0)
        let plain = try await fixture.client(["diff", label])
        #expect(plain.output.hasPrefix("prompt: unchanged\n"), "\(plain.output)")
        #expect(plain.output.contains("  actions[0].name: lookup → find"))
    }
}
