/// An account's `audit-log` key: whether the mirror reads the provider's audit trail after each crawl
/// to learn who made the changes it observed (issue "Who changed it").
public enum AuditLogSetting: String, Sendable, CaseIterable {
    /// On where the provider's description has an audit log (Telnyx), off elsewhere.
    case auto
    /// Never read it; no request is sent.
    case off
}
