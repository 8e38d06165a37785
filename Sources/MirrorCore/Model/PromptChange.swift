/// One row of the prompt report: a revision that changed a prompt-bearing field, or brought the prompt
/// into effect or out of it (a creation, deletion or restoration; the `prompt_changes` view).
public struct PromptChange: Sendable, Equatable {
    public let assistant: AssistantKey
    public let facts: RevisionFacts
    /// The main prompt before, from the latest earlier revision still in the history.
    public let oldPrompt: String?
    public let newPrompt: String?
    /// The prompt-bearing paths that changed, comma-separated; nil when none did.
    public let promptFields: String?
    /// Each prompt-bearing field's change, by path.
    public let promptFieldChanges: [ValueChange]

    public init(
        assistant: AssistantKey,
        facts: RevisionFacts,
        oldPrompt: String?,
        newPrompt: String?,
        promptFields: String?,
        promptFieldChanges: [ValueChange]
    ) {
        self.assistant = assistant
        self.facts = facts
        self.oldPrompt = oldPrompt
        self.newPrompt = newPrompt
        self.promptFields = promptFields
        self.promptFieldChanges = promptFieldChanges
    }
}
