import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

/// The "done when" of the providers issue: one configuration with an account of each provider mirrors
/// the simulator, and every simulated prompt edit appears in prompt_changes exactly once.
@Suite struct AllProvidersTests {
    @Test func everySimulatedEditIsRecordedOnceAndOnlyOnce() async throws {
        let fixture = try SyncFixture(options: .init(seed: 5, assistantsPerProvider: 6, includeHugePrompt: true))
        let accounts = SimulatedProvider.builtIn.map { fixture.account($0, pageSize: 4) }
        for account in accounts { #expect(await fixture.crawl(account).status == .ok) }
        for round in 1...6 {
            let start = try fixture.count("SELECT coalesce(max(seq), 0) FROM revisions")
            let edits = fixture.simulator.advance(editCount: 5)
            for account in accounts { #expect(await fixture.crawl(account).status == .ok) }
            // The mirror sees one state per crawl: edits of one assistant in one round are one revision.
            let touched = Dictionary(grouping: edits) { "test-\($0.provider.rawValue)/\($0.remoteID)" }
            let revisions = try fixture.rows(
                "SELECT account, remote_id, change_kind FROM assistant_revisions WHERE seq > ?",
                [start]
            )
            let revised = Set(revisions.map { "\($0["account"]!.stringValue!)/\($0["remote_id"]!.stringValue!)" })
            #expect(revised == Set(touched.keys), "round \(round): revisions for exactly the edited assistants")
            let prompts = try fixture.rows("SELECT account, remote_id FROM prompt_changes WHERE seq > ?", [start])
            let promptKeys = prompts.map { "\($0["account"]!.stringValue!)/\($0["remote_id"]!.stringValue!)" }
            #expect(promptKeys.count == Set(promptKeys).count, "round \(round): no assistant twice")
            let expected = Set(touched.filter { _, edits in edits.contains { $0.kind != .fieldChanged } }.keys)
            #expect(
                Set(promptKeys) == expected,
                "round \(round): a prompt change for each prompt edit, creation or deletion"
            )
        }
        #expect(try fixture.reader().verifyChain().isIntact)
    }
}
