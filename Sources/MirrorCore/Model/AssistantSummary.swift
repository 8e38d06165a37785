/// One mirrored assistant as `list` shows it: the header and when it was seen and changed.
public struct AssistantSummary: Sendable, Equatable {
    public let header: AssistantHeader
    public let model: String?
    public let providerUpdatedAt: String?
    public let firstSeenAt: String
    public let lastSeenAt: String

    public init(
        header: AssistantHeader,
        model: String?,
        providerUpdatedAt: String?,
        firstSeenAt: String,
        lastSeenAt: String
    ) {
        self.header = header
        self.model = model
        self.providerUpdatedAt = providerUpdatedAt
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}
