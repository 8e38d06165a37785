/// The few facts that head an assistant's history: who it is, its name, how far its history goes.
public struct AssistantHeader: Sendable, Equatable {
    /// The local id (`list`'s ID column).
    public let id: Int
    public let key: AssistantKey
    public let name: String?
    /// The newest revision's number.
    public let revision: Int
    public let deletedAt: String?

    public init(id: Int, key: AssistantKey, name: String?, revision: Int, deletedAt: String?) {
        self.id = id
        self.key = key
        self.name = name
        self.revision = revision
        self.deletedAt = deletedAt
    }
}
