/// What one attempt to write a prompt through the mirror asked for and what came of it: the columns of
/// `prompt_writes` that every view of an attempt shares (its chain entry, `history`, `write_attempts`).
public struct WriteAttemptFacts: Sendable, Equatable {
    public var operation: String
    public var revertedTo: Int?
    public var requestedBy: String
    public var requestedAt: String
    public var reason: String
    public var forced: Bool
    public var outcome: String
    public var providerStatus: Int?
    public var error: String?
    public var hashBefore: String?
    public var hashAfter: String?

    public init(
        operation: String,
        revertedTo: Int?,
        requestedBy: String,
        requestedAt: String,
        reason: String,
        forced: Bool,
        outcome: String,
        providerStatus: Int?,
        error: String?,
        hashBefore: String?,
        hashAfter: String?
    ) {
        self.operation = operation
        self.revertedTo = revertedTo
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.reason = reason
        self.forced = forced
        self.outcome = outcome
        self.providerStatus = providerStatus
        self.error = error
        self.hashBefore = hashBefore
        self.hashAfter = hashAfter
    }
}

/// One row of the `write_attempts` view for one assistant, as `history` lists it.
public struct WriteAttempt: Sendable, Equatable {
    public let seq: Int
    public let facts: WriteAttemptFacts
    /// The revision recorded from the re-read, when the write went through.
    public let revision: Int?

    public init(seq: Int, facts: WriteAttemptFacts, revision: Int?) {
        self.seq = seq
        self.facts = facts
        self.revision = revision
    }
}
