import Foundation
import Testing

@testable import MirrorSimulator

@Suite("Telnyx audit log: events for changes, late, missing and ambiguous")
struct TelnyxAuditLogTests {
    private func started(_ audit: AuditLogOptions = .punctual) throws -> (ProviderSimulator, SimulatorHTTP) {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: 4, includeHugePrompt: false, auditLog: audit)
        )
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    private func events(_ http: SimulatorHTTP, _ query: [(String, String)] = []) async throws -> [[String: Any]] {
        let page = try await http.get(.telnyx, "/audit_events", query: query)
        try #require(page.status == 200)
        return try #require(page.object?["data"] as? [[String: Any]])
    }

    @Test func anEditIsListedWithItsEditorAndTheDocumentedFields() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(.telnyx)[2]
        let old = simulator.mainPrompt(.telnyx, id: id)
        let editor = SimulatedUser.dashboardEditors[1]
        let before = Date()
        #expect(simulator.editPrompt(.telnyx, id: id, to: "Be kind.", by: editor))
        #expect(simulator.editPrompt(.invent, id: simulator.assistantIDs(.invent)[0], to: "not audited"))

        let listed = try await events(http)
        #expect(listed.count == 1)
        let event = try #require(listed.first)
        #expect(
            Set(event.keys) == [
                "id", "user_id", "record_type", "resource_id", "alternate_resource_id", "change_made_by", "changes",
                "organization_id", "change_type", "created_at",
            ]
        )
        #expect(event["user_id"] as? String == editor.id)
        #expect(event["change_made_by"] as? String == "organization_member")
        #expect(event["record_type"] as? String == "audit_event")
        #expect(event["resource_id"] as? String == id)
        #expect(event["change_type"] as? String == "update")
        #expect(
            canonicalText(event["changes"]!)
                == canonicalText([["field": "instructions", "from": old!, "to": "Be kind."]])
        )
        let created = try #require(ISO8601DateFormatter.withFractions.date(from: event["created_at"] as! String))
        #expect(created >= before.addingTimeInterval(-0.001) && created <= Date())

        let truth = try #require(simulator.auditTrail.last)
        #expect(truth.editor == editor && truth.fate == .onTime && truth.eventIDs == [event["id"] as! String])
        #expect(simulator.edits.first?.editor == editor)
    }

    @Test func lateEventsAppearAfterTheirDelayAndMissingOnesNever() async throws {
        let (simulator, http) = try started(.init(lateDelay: 2))
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.telnyx)
        simulator.editPrompt(.telnyx, id: ids[0], to: "late", audit: .late)
        simulator.editPrompt(.telnyx, id: ids[1], to: "lost", audit: .missing)
        simulator.editPrompt(.telnyx, id: ids[2], to: "on time", audit: .onTime)
        let due = try #require(simulator.auditTrail.first?.changedAt).addingTimeInterval(2)
        let early = try await events(http)
        if Date() < due { #expect(early.map { $0["resource_id"] as? String } == [ids[2]]) }
        var later: [[String: Any]] = []
        while later.count < 2, Date() < due.addingTimeInterval(20) {
            try await Task.sleep(for: .milliseconds(200))
            later = try await events(http, [("sort", "asc")])
        }
        #expect(Date() >= due)
        #expect(later.map { $0["resource_id"] as? String } == [ids[0], ids[2]])
        #expect(simulator.auditTrail.map(\.fate) == [.late, .missing, .onTime])
        #expect(simulator.auditTrail[1].eventIDs.isEmpty)
    }

    @Test func releasingLateEventsNeedsNoWaitAndAmbiguousChangesGetTwoEditors() async throws {
        let (simulator, http) = try started(.init(lateDelay: 3600))
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.telnyx)
        simulator.editPrompt(.telnyx, id: ids[0], to: "late", audit: .late)
        simulator.editPrompt(.telnyx, id: ids[1], to: "two of them", by: .keyOwner, audit: .ambiguous)
        let now = try await events(http)
        #expect(now.map { $0["resource_id"] as? String } == [ids[1], ids[1]])
        #expect(Set(now.compactMap { $0["user_id"] as? String }).count == 2)
        #expect(simulator.auditTrail[1].eventIDs.count == 2)
        simulator.releaseLateAuditEvents()
        #expect(try await events(http).count == 3)
    }

    @Test func sharesDecideFatesFromTheirOwnGeneratorWithoutChangingTheWorld() throws {
        let noisy = try ProviderSimulator(
            options: .init(
                assistantsPerProvider: 6,
                auditLog: .init(lateShare: 0.3, missingShare: 0.2, ambiguousShare: 0.2)
            )
        )
        let quiet = try ProviderSimulator(options: .init(assistantsPerProvider: 6))
        let noisyEdits = (0..<30).flatMap { _ in noisy.advance() }
        let quietEdits = (0..<30).flatMap { _ in quiet.advance() }
        #expect(noisyEdits.map(\.description) == quietEdits.map(\.description))
        let fates = noisy.auditTrail.map(\.fate)
        #expect(fates.count == noisyEdits.filter { $0.provider == .telnyx }.count)
        #expect(Set(fates) == [.onTime, .late, .missing, .ambiguous])
        #expect(quiet.auditTrail.allSatisfy { $0.fate == .onTime })
        #expect(noisy.auditTrail.allSatisfy { $0.editor == $0.edit.editor && $0.edit.provider == .telnyx })
    }

    @Test func filtersSortAndPagesAsDocumented() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.telnyx)
        for (index, id) in ids.enumerated() {
            simulator.editPrompt(.telnyx, id: id, to: "v\(index)")
            try await Task.sleep(for: .milliseconds(5))
        }
        let ascending = try await events(http, [("sort", "asc")])
        #expect(ascending.map { $0["resource_id"] as? String } == ids)
        #expect(try await events(http).map { $0["resource_id"] as? String } == ids.reversed())

        let cut = try #require(ascending[1]["created_at"] as? String)
        let after = try await events(http, [("filter[created_after]", cut), ("sort", "asc")])
        #expect(after.map { $0["resource_id"] as? String } == Array(ids[2...]))
        let before = try await events(http, [("filter[created_before]", cut)])
        #expect(before.map { $0["resource_id"] as? String } == [ids[0]])

        let page = try await http.get(.telnyx, "/audit_events", query: [("page[number]", "2"), ("page[size]", "3")])
        #expect((page.object?["data"] as? [Any])?.count == 1)
        #expect(
            canonicalText(page.object?["meta"] as Any)
                == canonicalText(["total_pages": 2, "page_number": 2, "total_results": 4, "page_size": 3])
        )
        for bad in [
            ("sort", "newest"), ("filter[created_after]", "yesterday"), ("page[size]", "251"), ("page[number]", "0"),
        ] {
            let refused = try await http.get(.telnyx, "/audit_events", query: [bad])
            #expect(refused.status == 422)
            #expect(value(at: "errors[0].code", in: refused.object as Any) as? String == "10015")
        }
        #expect(try await http.get(.telnyx, "/audit_events", key: "wrong").status == 401)
    }

    @Test func writesThroughTheUpdateEndpointAreTheKeyOwnersAndFaultsCanBreakTheLog() async throws {
        let (simulator, http) = try started(.init(lateDelay: 3600))
        defer { simulator.stop() }
        let id = simulator.assistantIDs(.telnyx)[0]
        simulator.setAuditFateOfNextWrite(.late)
        #expect(
            try await http.send("POST", .telnyx, "/ai/assistants/\(id)", json: ["instructions": "via API"]).status
                == 200
        )
        #expect(simulator.auditTrail.last?.editor == .keyOwner && simulator.auditTrail.last?.fate == .late)
        #expect(try await events(http).isEmpty)
        simulator.releaseLateAuditEvents()
        let event = try #require(try await events(http).first)
        #expect(event["user_id"] as? String == SimulatedUser.keyOwner.id)
        #expect(event["change_made_by"] as? String == "account_owner")

        simulator.injectAuditLogFault(.status(503, retryAfter: "2"))
        simulator.injectAuditLogFault(.malformedJSON)
        let failed = try await http.get(.telnyx, "/audit_events")
        #expect(failed.status == 503 && failed.headers["retry-after"] == "2")
        let broken = try await http.get(.telnyx, "/audit_events")
        #expect(broken.status == 200 && broken.object == nil)
        #expect(try await events(http).count == 1)
        #expect(try await http.get(.telnyx, "/ai/assistants").status == 200)  // the assistants list is untouched
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
