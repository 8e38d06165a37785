import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import MirrorSync
import Testing

/// Issue "Who changed it", part 1: Telnyx's audit log read after each crawl, through the simulator on
/// loopback, into a real database; the editor appears in the views only when the log names one.
@Suite struct AuditLogAttributionTests {
    /// A simulator whose late events stay hidden until a test releases them.
    static func fixture() throws -> SyncFixture {
        try SyncFixture(
            options: .init(
                seed: 11,
                assistantsPerProvider: 3,
                includeHugePrompt: false,
                auditLog: .init(lateDelay: 3600)
            )
        )
    }

    static let mei = SimulatedUser.dashboardEditors[1]
    static let omar = SimulatedUser.dashboardEditors[2]

    /// Crawls once, edits one Telnyx prompt by `editor` with `fate`, crawls again; returns the edited id.
    static func editBetweenCrawls(
        _ fixture: SyncFixture,
        by editor: SimulatedUser = mei,
        fate: SimulatedAuditFate
    ) async throws -> String {
        let account = fixture.account(.telnyx)
        #expect(await fixture.crawl(account).succeeded)
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        #expect(fixture.simulator.editPrompt(.telnyx, id: id, to: "Edited prompt.", by: editor, audit: fate))
        #expect(await fixture.crawl(account).succeeded)
        return id
    }

    static func promptChange(_ fixture: SyncFixture, _ id: String, revision: Int) throws -> JSONValue {
        try #require(
            try fixture.rows(
                "SELECT changed_by, changed_by_source, change_reason, actor_hint FROM prompt_changes WHERE remote_id = ? AND revision = ?",
                [id, revision]
            ).first
        )
    }

    @Test func anOnTimeEventNamesTheEditorInPromptChanges() async throws {
        let fixture = try Self.fixture()
        let id = try await Self.editBetweenCrawls(fixture, fate: .onTime)
        let edited = try Self.promptChange(fixture, id, revision: 2)
        #expect(edited["changed_by"]?.stringValue == "user \(Self.mei.id) (organization_member)")
        #expect(edited["changed_by_source"]?.stringValue == "provider-audit-log")
        #expect(edited["change_reason"] == .null)
        #expect(edited["actor_hint"]?.stringValue?.contains("account test-telnyx") == true, "the hint stays a hint")
        // First sightings happened before the mirror read the log: nobody is named for them.
        let created = try Self.promptChange(fixture, id, revision: 1)
        #expect(created["changed_by"] == .null)
        #expect(created["changed_by_source"] == .null)
        let facts = try #require(
            try fixture.reader().promptChanges(since: nil, until: nil, account: nil).first {
                $0.assistant.remoteID == id && $0.facts.revision == 2
            }
        ).facts
        #expect(facts.who == "user \(Self.mei.id) (organization_member) (audit log)")
        #expect(try fixture.reader().verifyChain().isIntact)
    }

    @Test func aMissingEventLeavesTheEditorUnknown() async throws {
        let fixture = try Self.fixture()
        let id = try await Self.editBetweenCrawls(fixture, fate: .missing)
        let edited = try Self.promptChange(fixture, id, revision: 2)
        #expect(edited["changed_by"] == .null)
        #expect(edited["changed_by_source"] == .null)
        #expect(try fixture.count("SELECT count(*) FROM attributions") == 0)
    }

    @Test func aLateEventAttributesTheRevisionOnTheReadAfterItAppears() async throws {
        let fixture = try Self.fixture()
        let id = try await Self.editBetweenCrawls(fixture, fate: .late)
        #expect(try Self.promptChange(fixture, id, revision: 2)["changed_by"] == .null, "not listed yet")

        fixture.simulator.releaseLateAuditEvents()
        #expect(await fixture.crawl(fixture.account(.telnyx)).succeeded)
        let edited = try Self.promptChange(fixture, id, revision: 2)
        #expect(edited["changed_by"]?.stringValue == "user \(Self.mei.id) (organization_member)")
        #expect(edited["changed_by_source"]?.stringValue == "provider-audit-log")
        #expect(try fixture.count("SELECT count(*) FROM attributions") == 1)

        // The overlap reads the same event again: stored once, and no second attribution that says the same.
        #expect(await fixture.crawl(fixture.account(.telnyx)).succeeded)
        #expect(try fixture.count("SELECT count(*) FROM attributions") == 1)
        #expect(try fixture.count("SELECT count(*) FROM audit_events") == 1)
        #expect(try fixture.reader().verifyChain().isIntact)
    }

    @Test func twoEditorsInOneWindowAreBothNamedAndMarkedAmbiguous() async throws {
        let fixture = try Self.fixture()
        let id = try await Self.editBetweenCrawls(fixture, fate: .ambiguous)
        let other = try #require(SimulatedUser.dashboardEditors.first { $0 != Self.mei })
        let edited = try Self.promptChange(fixture, id, revision: 2)
        #expect(
            edited["changed_by"]?.stringValue
                == "user \(Self.mei.id) (organization_member), user \(other.id) (\(other.changeMadeBy))"
        )
        #expect(try fixture.count("SELECT ambiguous FROM revision_editors WHERE changed_by IS NOT NULL") == 1)
        let facts = try #require(
            try fixture.reader().promptChanges(since: nil, until: nil, account: nil).first {
                $0.assistant.remoteID == id && $0.facts.revision == 2
            }
        ).facts
        #expect(facts.who.hasPrefix("one of: user \(Self.mei.id)"))
        #expect(facts.who.hasSuffix("(audit log, ambiguous)"))
        // The change feed marks that revision, and no other, whatever its editor's source.
        let feed = try fixture.reader().changes(limit: 1000)
        #expect(feed.count > 1)
        #expect(
            feed.filter(\.facts.editorAmbiguous).map { "\($0.assistant.remoteID)#\($0.facts.revision)" } == ["\(id)#2"]
        )
    }

    @Test func auditLogOffSendsNoRequest() async throws {
        let fixture = try Self.fixture()
        let account = fixture.account(.telnyx) { $0.auditLog = .off }
        #expect(await fixture.crawl(account).succeeded)
        #expect(await fixture.crawl(account).succeeded)
        #expect(!fixture.simulator.requests.isEmpty)
        #expect(!fixture.simulator.requests.contains { $0.path.hasSuffix("/audit_events") })
        #expect(try fixture.count("SELECT count(*) FROM audit_log_reads") == 0)
        let auto = fixture.account(.telnyx)
        #expect(await fixture.crawl(auto).succeeded)
        #expect(fixture.simulator.requests.contains { $0.path.hasSuffix("/audit_events") }, "auto reads Telnyx's log")
    }

    @Test func providersWithoutAnAuditLogAreNotAsked() async throws {
        let fixture = try Self.fixture()
        for provider in [SimulatedProvider.puretalk, .invent, .interactly] {
            #expect(await fixture.crawl(fixture.account(provider)).succeeded)
        }
        #expect(!fixture.simulator.requests.contains { $0.path.hasSuffix("/audit_events") })
    }
}
