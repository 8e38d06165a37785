public struct AssistantObservation: Sendable, Equatable {
    public var remoteID: String
    public var name: String?
    public var prompt: String?
    public var model: String?
    public var voice: String?
    public var greeting: String?
    public var providerUpdatedAt: String?
    /// Redacted canonical JSON of the whole record.
    public var snapshot: String
    /// SHA-256 of `snapshot`, hex.
    public var contentHash: String
    public var changedBy: String?
    public var actorHint: String?
    /// Where `snapshot` holds `prompt`: the byte range of its escaped text, given by the normalizer when
    /// that text holds no escape but `\" \\ \n \t \r`, so the store can keep the prompt as that range
    /// (`PromptSpan`) without searching for it. Only valid with the `snapshot` and `prompt` it came with.
    public var promptRange: Range<Int>?

    public init(
        remoteID: String,
        name: String?,
        prompt: String?,
        model: String?,
        voice: String?,
        greeting: String?,
        providerUpdatedAt: String?,
        snapshot: String,
        contentHash: String,
        changedBy: String?,
        actorHint: String?,
        promptRange: Range<Int>? = nil
    ) {
        self.remoteID = remoteID
        self.name = name
        self.prompt = prompt
        self.model = model
        self.voice = voice
        self.greeting = greeting
        self.providerUpdatedAt = providerUpdatedAt
        self.snapshot = snapshot
        self.contentHash = contentHash
        self.changedBy = changedBy
        self.actorHint = actorHint
        self.promptRange = promptRange
    }
}
