/// What came of a `PromptWriteOrder`. Every outcome but `previewed` is recorded in `prompt_writes`.
public struct PromptWriteOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The provider took the prompt and the re-read was recorded as a revision.
        case written
        /// The peer is not root, the daemon's user, nor a member of `write-group`.
        case forbidden
        /// The account does not say `write = on`.
        case disabled
        /// The provider's record differs from the mirror's current revision (a lost update prevented).
        case conflict
        /// The call or its checks failed; `message` says which.
        case failed
        /// A dry run: `request` is what would have been sent.
        case previewed
    }

    public var kind: Kind
    /// What happened, for a person; never holds a prompt or a key.
    public var message: String
    public var providerStatus: Int?
    public var hashBefore: String?
    public var hashAfter: String?
    /// The revision recorded from the re-read, when written.
    public var revision: Int?
    public var changedBy: String?
    /// The update call, its key replaced by a placeholder.
    public var request: PreparedRequest?

    public init(
        kind: Kind,
        message: String,
        providerStatus: Int? = nil,
        hashBefore: String? = nil,
        hashAfter: String? = nil,
        revision: Int? = nil,
        changedBy: String? = nil,
        request: PreparedRequest? = nil
    ) {
        self.kind = kind
        self.message = message
        self.providerStatus = providerStatus
        self.hashBefore = hashBefore
        self.hashAfter = hashAfter
        self.revision = revision
        self.changedBy = changedBy
        self.request = request
    }
}

/// An HTTP request as a person may see it: the credential header's value is a placeholder.
public struct PreparedRequest: Sendable, Equatable {
    public static let keyPlaceholder = "<api-key>"

    public var method: String
    public var url: String
    /// Name and value, in the order sent.
    public var headers: [(name: String, value: String)]
    public var body: String

    public init(method: String, url: String, headers: [(name: String, value: String)], body: String) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: PreparedRequest, rhs: PreparedRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }
}
