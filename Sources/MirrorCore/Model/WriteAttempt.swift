/// One row of the `write_attempts` view: an attempt to write a prompt through the mirror, whatever came of it.
public struct WriteAttempt: Sendable, Equatable {
    public let seq: Int
    public let operation: String
    public let revertedTo: Int?
    public let requestedBy: String
    public let requestedAt: String
    public let reason: String
    public let forced: Bool
    public let outcome: String
    public let providerStatus: Int?
    public let error: String?
    public let hashBefore: String?
    public let hashAfter: String?
    /// The revision recorded from the re-read, when the write went through.
    public let revision: Int?

    public init(
        seq: Int,
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
        hashAfter: String?,
        revision: Int?
    ) {
        self.seq = seq
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
        self.revision = revision
    }
}
