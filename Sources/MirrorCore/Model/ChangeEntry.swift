/// One revision in the change feed across all assistants (`changes`).
public struct ChangeEntry: Sendable, Equatable {
    public let assistant: AssistantKey
    public let facts: RevisionFacts
    public let changed: ChangedFields

    public init(assistant: AssistantKey, facts: RevisionFacts, changed: ChangedFields) {
        self.assistant = assistant
        self.facts = facts
        self.changed = changed
    }
}
