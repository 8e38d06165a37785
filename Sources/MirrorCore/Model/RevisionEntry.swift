/// One revision in an assistant's history (`history`).
public struct RevisionEntry: Sendable, Equatable {
    public let facts: RevisionFacts
    public let contentHash: String
    public let changed: ChangedFields

    public init(facts: RevisionFacts, contentHash: String, changed: ChangedFields) {
        self.facts = facts
        self.contentHash = contentHash
        self.changed = changed
    }
}
