/// How every output names who made a revision (design.md: a hint is never presented as the editor).
extension RevisionFacts {
    /// The source value of an editor learned from the provider's audit log.
    public static let auditLogSource = "provider-audit-log"
    /// The source value of an editor recorded by a write through the mirror.
    public static let mirrorSource = "assistant-mirror"

    /// The editor with where the mirror learned it, or nil when no source knows:
    /// `user 8a7b… (organization_member) (audit log)`,
    /// `one of: user a… (account_owner), user b… (organization_member) (audit log, ambiguous)`,
    /// `unix:alice (uid 1000) (assistant-mirror, reason: fix the greeting)`.
    public var editor: String? {
        guard let changedBy else { return nil }
        var source: String
        switch changedBySource {
        case Self.auditLogSource?: source = "audit log"
        case let other?: source = other
        case nil: source = "source unknown"
        }
        if editorAmbiguous { source += ", ambiguous" }
        if let changeReason { source += ", reason: \(changeReason)" }
        return (editorAmbiguous ? "one of: " : "") + changedBy + " (\(source))"
    }

    /// The editor when a source knows it; else "unknown", with the hint labelled as one.
    public var who: String {
        if let editor { return editor }
        if let actorHint { return "unknown (hint, not the editor: \(actorHint))" }
        return "unknown"
    }
}
