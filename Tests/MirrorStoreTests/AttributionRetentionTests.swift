import Foundation
import MirrorCore
import MirrorStore
import Testing

/// Attributions are chain entries between revisions: retention keeps the revisions they name, bridges
/// around the ones it removes, and `verify` recomputes every attribution afterwards.
@Suite struct AttributionRetentionTests {
    @Test func anAttributedRevisionSurvivesAPruneAndTheChainStillVerifies() async throws {
        let directory = TemporaryDirectory()
        let store = try await RetentionTests.store(directory)
        let remoteID = try #require(
            try store.openReader().jsonRows("SELECT remote_id FROM assistants").first?["remote_id"]?.stringValue
        )
        let attributed = try await store.write { writer in
            let account = try writer.accountID(name: "acme", provider: .telnyx, now: "2026-01-07T00:00:00.000Z")
            let event = AuditEvent(
                eventID: "ev-1",
                resourceID: remoteID,
                userID: "u-7",
                changeMadeBy: "organization_member",
                changeType: "update",
                createdAt: "2026-01-03T12:00:00.000Z",
                record: ["id": "ev-1"]
            )
            let stored = try writer.storeAuditEvents(
                [event, event],
                records: ["{}", "{}"],
                accountID: account,
                receivedAt: "2026-01-07T00:00:00.000Z"
            )
            #expect(stored == 1, "one event id is stored once")
            return try writer.attributeRevisions(
                accountID: account,
                observedAfter: "2026-01-01T00:00:00.000Z",
                now: "2026-01-07T00:00:00.000Z"
            )
        }
        // The revisions here have no previous observation, so every one observed after the event names it.
        #expect(attributed == 3)
        #expect(try store.openReader().verifyChain().isIntact)

        let result = try #require(
            try await store.write { try $0.prune(before: "2026-12-31T00:00:00.000Z", now: "2027-01-01T00:00:00.000Z") }
        )
        #expect(result.removed == 2, "revision 4 is model-only but attributed, so it stays")
        let reader = try store.openReader()
        let kept = try reader.jsonRows("SELECT revision FROM revisions ORDER BY revision").compactMap {
            $0["revision"]?.intValue
        }
        #expect(kept == [1, 4, 5, 6])
        let verification = try reader.verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.problem))")
        #expect(verification.head?.seq == 10, "6 revisions, 3 attributions, then the prune")
        let editors = try reader.jsonRows(
            "SELECT changed_by, changed_by_source FROM assistant_revisions WHERE revision = 4"
        )
        #expect(editors.first?["changed_by"]?.stringValue == "user u-7 (organization_member)")
        #expect(editors.first?["changed_by_source"]?.stringValue == "provider-audit-log")
    }
}
