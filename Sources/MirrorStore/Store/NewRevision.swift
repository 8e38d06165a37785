import MirrorCore

/// One revision: the columns of `revisions` that the hash chain covers (with the owner and seq that
/// `RevisionChain.Entry` adds), plus its local keys. The sync engine builds it, the store appends it,
/// and `verify` rebuilds it from the stored row: one definition of a revision's fields.
public struct NewRevision: Sendable, Equatable {
    public var assistantID: Int
    public var revision: Int
    public var kind: ChangeKind
    public var observedAt: String
    public var previousObservedAt: String?
    public var providerUpdatedAt: String?
    public var contentHash: String
    public var changedBy: String?
    public var actorHint: String?
    public var name: String?
    /// The main prompt; NULL in a revision that holds it in `promptSpan` (the `prompt` column as stored).
    public var prompt: String?
    /// Where `snapshot` holds the main prompt, when the revision stores it there only (migration
    /// 0007, chain encoding v2). The store sets it when it appends the revision (`storingPromptOnce`).
    public var promptSpan: PromptSpan?
    /// The redacted canonical JSON. The chain covers it through `contentHash`, its SHA-256, which
    /// `verify` checks against it.
    public var snapshot: String
    public var crawlID: Int?
    public var fields: [FieldChange]

    public init(
        assistantID: Int,
        revision: Int,
        kind: ChangeKind,
        observedAt: String,
        previousObservedAt: String?,
        providerUpdatedAt: String?,
        contentHash: String,
        changedBy: String?,
        actorHint: String?,
        name: String?,
        prompt: String?,
        snapshot: String,
        crawlID: Int?,
        fields: [FieldChange],
        promptSpan: PromptSpan? = nil
    ) {
        self.assistantID = assistantID
        self.revision = revision
        self.kind = kind
        self.observedAt = observedAt
        self.previousObservedAt = previousObservedAt
        self.providerUpdatedAt = providerUpdatedAt
        self.contentHash = contentHash
        self.changedBy = changedBy
        self.actorHint = actorHint
        self.name = name
        self.prompt = prompt
        self.snapshot = snapshot
        self.crawlID = crawlID
        self.fields = fields
        self.promptSpan = promptSpan
    }
}

extension NewRevision {
    /// The revision that records `observation`: its fields are copied here once, on the way to the chain.
    public init(
        _ observation: AssistantObservation,
        assistantID: Int,
        revision: Int,
        kind: ChangeKind,
        observedAt: String,
        previousObservedAt: String?,
        crawlID: Int?,
        fields: [FieldChange]
    ) {
        self.init(
            assistantID: assistantID,
            revision: revision,
            kind: kind,
            observedAt: observedAt,
            previousObservedAt: previousObservedAt,
            providerUpdatedAt: observation.providerUpdatedAt,
            contentHash: observation.contentHash,
            changedBy: observation.changedBy,
            actorHint: observation.actorHint,
            name: observation.name,
            prompt: observation.prompt,
            snapshot: observation.snapshot,
            crawlID: crawlID,
            fields: fields,
            promptSpan: observation.prompt == nil
                ? nil : observation.promptRange.map { PromptSpan(offset: $0.lowerBound, length: $0.count) }
        )
    }
}
