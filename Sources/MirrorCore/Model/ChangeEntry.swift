/// One revision in the change feed across all assistants (`changes`).
public struct ChangeEntry: Sendable, Equatable {
    public let assistant: AssistantKey
    /// The assistant's local id, which `show`, `history` and `diff` take.
    public let assistantID: Int
    public let facts: RevisionFacts
    public let changed: ChangedFields

    public init(assistant: AssistantKey, assistantID: Int, facts: RevisionFacts, changed: ChangedFields) {
        self.assistant = assistant
        self.assistantID = assistantID
        self.facts = facts
        self.changed = changed
    }
}
