import Foundation

/// Ground truth for one Telnyx change: who made it and what the audit log did with it, so a test (or the
/// demo's self-check) can compare the mirror's attribution with what really happened.
public struct SimulatedAuditEntry: Sendable, Equatable {
    public let edit: SimulatedEdit
    public let editor: SimulatedUser
    public let fate: SimulatedAuditFate
    /// The events listed for it: none when missing; two when ambiguous, the editor's first.
    public let eventIDs: [String]
    /// When the change happened (wall clock): the events' `created_at`.
    public let changedAt: Date
}
