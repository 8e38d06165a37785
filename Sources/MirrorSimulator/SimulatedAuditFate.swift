/// What becomes of the audit event for one Telnyx change; the real log is "best-effort, eventually consistent"
/// (developers.telnyx.com, List Audit Logs), so each way it can fail a mirror is simulated.
public enum SimulatedAuditFate: String, Sendable, Equatable {
    /// Listed at once.
    case onTime
    /// Listed only `AuditLogOptions.lateDelay` seconds after the change (or after `releaseLateAuditEvents()`).
    case late
    /// Never listed.
    case missing
    /// Listed together with a second event for the same assistant by another user a moment later, so the
    /// change window holds two candidate editors.
    case ambiguous
}
