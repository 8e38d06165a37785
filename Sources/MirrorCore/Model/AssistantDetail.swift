/// One assistant's current state as `show` gives it: the summary, the prompt-bearing fields and the
/// whole redacted snapshot.
public struct AssistantDetail: Sendable, Equatable {
    public let summary: AssistantSummary
    public let prompt: String?
    public let voice: String?
    public let greeting: String?
    public let contentHash: String
    /// The redacted snapshot; null when the stored text does not parse (it always should).
    public let snapshot: JSONValue
    /// The revision that brought the current state, with its editor as far as known.
    public let currentRevision: RevisionFacts?

    public init(
        summary: AssistantSummary,
        prompt: String?,
        voice: String?,
        greeting: String?,
        contentHash: String,
        snapshot: JSONValue,
        currentRevision: RevisionFacts? = nil
    ) {
        self.summary = summary
        self.prompt = prompt
        self.voice = voice
        self.greeting = greeting
        self.contentHash = contentHash
        self.snapshot = snapshot
        self.currentRevision = currentRevision
    }

    public var header: AssistantHeader { summary.header }
}
