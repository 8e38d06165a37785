/// What every view of a revision says about it: its place in the history, when it was observed (a
/// window: after the previous observation, at or before this one) and who, as far as known.
public struct RevisionFacts: Sendable, Equatable {
    /// The position in the hash chain, across all assistants.
    public let seq: Int
    /// The number within its assistant's history, from 1.
    public let revision: Int
    public let changeKind: String
    public let observedAt: String
    public let previousObservedAt: String?
    public let providerUpdatedAt: String?
    /// The editor, only when a source that knows reported one (`changedBySource`).
    public let changedBy: String?
    /// Who knows the editor: `provider-audit-log` or `assistant-mirror`; nil when nobody does.
    public let changedBySource: String?
    /// The reason given for a change made through the mirror.
    public let changeReason: String?
    /// The audit log names several editors for the revision's window; `changedBy` lists them all.
    public let editorAmbiguous: Bool
    /// An owner, team or account: a hint, never the editor.
    public let actorHint: String?
    public let name: String?

    public init(
        seq: Int,
        revision: Int,
        changeKind: String,
        observedAt: String,
        previousObservedAt: String?,
        providerUpdatedAt: String?,
        changedBy: String?,
        actorHint: String?,
        name: String?,
        changedBySource: String? = nil,
        changeReason: String? = nil,
        editorAmbiguous: Bool = false
    ) {
        self.seq = seq
        self.revision = revision
        self.changeKind = changeKind
        self.observedAt = observedAt
        self.previousObservedAt = previousObservedAt
        self.providerUpdatedAt = providerUpdatedAt
        self.changedBy = changedBy
        self.actorHint = actorHint
        self.name = name
        self.changedBySource = changedBySource
        self.changeReason = changeReason
        self.editorAmbiguous = editorAmbiguous
    }
}
