import Foundation

/// Telnyx's audit trail for the simulated world: one event per change to a Telnyx assistant, stamped with the
/// wall clock (a mirror compares `created_at` with its own observation times), some late, some missing, some
/// doubled, as `AuditLogOptions` asks. A value type behind the router's mutex, like the world.
struct SimulatedAuditLog: Sendable {
    struct Event: Sendable {
        let id: String
        let createdAt: Date
        var visibleAt: Date
        /// The event exactly as `GET /audit_events` lists it.
        let wire: SimulatedJSON
    }

    /// The one organization every simulated key belongs to.
    static let organizationID = "3f9c2b1a-7d6e-4f5a-8b9c-0d1e2f3a4b5c"

    let options: AuditLogOptions
    /// Separate from the world's generator, so audit draws never change the seeded assistants or their edits.
    private var random: SeededRandom
    private(set) var events: [Event] = []
    private(set) var entries: [SimulatedAuditEntry] = []

    init(seed: UInt64, options: AuditLogOptions) {
        self.options = options
        self.random = SeededRandom(seed: seed ^ 0xA0D1_7106_5EED_0001)
    }

    /// A seeded dashboard user, for edits nobody in particular made.
    mutating func pickEditor() -> SimulatedUser {
        random.pick(SimulatedUser.dashboardEditors)
    }

    /// Lists the change (or not, as `fate` or the options' shares decide) and keeps the ground truth.
    mutating func record(
        _ edit: SimulatedEdit,
        by editor: SimulatedUser,
        fate chosen: SimulatedAuditFate?,
        at now: Date
    ) {
        let fate = chosen ?? drawFate()
        var ids: [String] = []
        if fate != .missing {
            let visibleAt = fate == .late ? now.addingTimeInterval(options.lateDelay) : now
            ids.append(append(edit, by: editor, changes: Self.changes(of: edit), at: now, visibleAt: visibleAt))
        }
        if fate == .ambiguous {
            // Another member saves the same assistant a moment later without changing it.
            let other = SimulatedUser.dashboardEditors.first { $0 != editor } ?? editor
            let value = Self.auditValue(edit.newValue, kind: edit.kind)
            let noOp: [SimulatedJSON] = [["field": .string(edit.field ?? "name"), "from": value, "to": value]]
            let moment = now.addingTimeInterval(0.001)
            ids.append(append(edit, by: other, changes: noOp, at: moment, visibleAt: moment, changeType: "update"))
        }
        entries.append(SimulatedAuditEntry(edit: edit, editor: editor, fate: fate, eventIDs: ids, changedAt: now))
    }

    /// Makes every late event visible now, so tests need not sleep through `lateDelay`.
    mutating func releaseLateEvents(at now: Date) {
        for index in events.indices where events[index].visibleAt > now { events[index].visibleAt = now }
    }

    func visibleEvents(at now: Date) -> [Event] {
        events.filter { $0.visibleAt <= now }
    }

    private mutating func drawFate() -> SimulatedAuditFate {
        let roll = Double(random.int(in: 0...999_999)) / 1_000_000
        if roll < options.missingShare { return .missing }
        if roll < options.missingShare + options.lateShare { return .late }
        if roll < options.missingShare + options.lateShare + options.ambiguousShare { return .ambiguous }
        return .onTime
    }

    private mutating func append(
        _ edit: SimulatedEdit,
        by user: SimulatedUser,
        changes: [SimulatedJSON],
        at createdAt: Date,
        visibleAt: Date,
        changeType: String? = nil
    ) -> String {
        let id = random.uuid()
        // Kept at the wire's millisecond precision, so filters compare what a client saw.
        let createdAt = Date(timeIntervalSince1970: (createdAt.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        let wire: SimulatedJSON = [
            "id": .string(id),
            "user_id": .string(user.id),
            "record_type": "audit_event",
            "resource_id": .string(edit.remoteID),
            "alternate_resource_id": nil,
            "change_made_by": .string(user.changeMadeBy),
            "changes": .array(changes),
            "organization_id": .string(Self.organizationID),
            "change_type": .string(changeType ?? Self.changeType(of: edit.kind)),
            "created_at": .string(WireTimestamp.milliseconds(WireTimestamp.micros(of: createdAt))),
        ]
        events.append(Event(id: id, createdAt: createdAt, visibleAt: visibleAt, wire: wire))
        return id
    }

    private static func changeType(of kind: SimulatedEdit.Kind) -> String {
        switch kind {
        case .created: "create"
        case .deleted: "delete"
        case .restored: "restore"
        case .promptChanged, .fieldChanged: "update"
        }
    }

    /// `[{field, from, to}]` for an update (field names in dot notation, as the document allows); none otherwise.
    private static func changes(of edit: SimulatedEdit) -> [SimulatedJSON] {
        guard let field = edit.field else { return [] }
        return [
            [
                "field": .string(field), "from": auditValue(edit.oldValue, kind: edit.kind),
                "to": auditValue(edit.newValue, kind: edit.kind),
            ]
        ]
    }

    /// "Can be any JSON type": a prompt stays a string; another field's compact JSON text becomes its value.
    private static func auditValue(_ text: String?, kind: SimulatedEdit.Kind) -> SimulatedJSON {
        guard let text else { return .null }
        if kind != .promptChanged, let parsed = SimulatedJSON(parsing: Data(text.utf8)), parsed.stringValue == nil {
            return parsed
        }
        return .string(text)
    }
}
