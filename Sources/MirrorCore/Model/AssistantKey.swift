/// Which assistant a row is about, as people name it: the account, its provider, the provider's id.
public struct AssistantKey: Sendable, Equatable {
    public let account: String
    public let provider: String
    public let remoteID: String

    public init(account: String, provider: String, remoteID: String) {
        self.account = account
        self.provider = provider
        self.remoteID = remoteID
    }

    /// `account/remote-id`, the form of an `ID` that is never ambiguous (design.md).
    public var label: String { "\(account)/\(remoteID)" }
}
