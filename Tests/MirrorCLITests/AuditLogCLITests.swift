import Foundation
import MirrorCore
import MirrorSimulator
import Testing

/// The editor from Telnyx's audit log as the CLI shows it (`history`, `show`, `report prompts`, `status`),
/// through the built binary, the simulator and a real socket.
@Suite struct AuditLogCLITests {
    @Test func theAuditLogsEditorAppearsEverywhereAndAFailedReadInStatus() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let editor = SimulatedUser.dashboardEditors[1]
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        #expect(fixture.simulator.editPrompt(.telnyx, id: id, to: "Audited prompt.", by: editor, audit: .onTime))
        #expect(try await fixture.run(["sync", "--config", fixture.configurationPath]).status == 0)

        let who = "user \(editor.id) (\(editor.changeMadeBy)) (audit log)"
        let history = try await fixture.client(["history", "sim-telnyx/\(id)"])
        #expect(history.output.contains(who), "\(history.output)")
        let revisions = try await fixture.client(["history", "sim-telnyx/\(id)", "--json"]).json()["revisions"]
        #expect(revisions?.arrayValue?.last?["changed_by_source"] == "provider-audit-log")
        #expect(revisions?.arrayValue?.first?["changed_by_source"] == .null)

        let shown = try await fixture.client(["show", "sim-telnyx/\(id)"])
        #expect(shown.output.contains("changed_by          \(who)"), "\(shown.output)")

        for format in ["text", "html"] {
            let report = try await fixture.client(["report", "prompts", "--format", format])
            #expect(report.output.contains(who), "\(format)")
        }
        // Markdown escapes its punctuation (`\-`, `\(`, `\_`).
        let markdown = try await fixture.client(["report", "prompts", "--format", "markdown"])
        let escapedID = editor.id.replacingOccurrences(of: "-", with: "\\-")
        #expect(markdown.output.contains("Who: user \(escapedID) \\(organization\\_member\\) \\(audit log\\)"))
        let csv = try await fixture.client(["report", "prompts", "--format", "csv"])
        #expect(csv.output.contains("\"provider-audit-log\""))
        let json = try await fixture.client(["report", "prompts", "--json"]).json()
        let row = json["rows"]?.arrayValue?.first { $0["remote_id"]?.stringValue == id && $0["revision"] == 2 }
        #expect(row?["changed_by"]?.stringValue == "user \(editor.id) (\(editor.changeMadeBy))")

        let healthy = try await fixture.client(["status", "--json"]).json()
        let telnyx = healthy["accounts"]?.arrayValue?.first { $0["account"] == "sim-telnyx" }
        #expect(telnyx?["audit_log_status"] == "ok")

        fixture.simulator.injectAuditLogFault(.malformedJSON)
        #expect(try await fixture.run(["sync", "--config", fixture.configurationPath]).status == 0)
        let status = try await fixture.client(["status"])
        #expect(status.output.contains("AUDIT LOG"))
        #expect(status.output.contains("failed: telnyx sent a malformed audit log page 1"), "\(status.output)")
        let failed = try await fixture.client(["status", "--json"]).json()["accounts"]?.arrayValue?.first {
            $0["account"] == "sim-telnyx"
        }
        #expect(failed?["audit_log_status"] == "failed")
        #expect(failed?["last_crawl_status"] == "ok")
    }
}
