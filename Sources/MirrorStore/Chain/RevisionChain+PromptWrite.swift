import MirrorCore

/// A write attempt through the mirror (`prompt_writes`) is a chain entry too, encoded as
///
///     "assistant-mirror/prompt-write/v1", then seq, account, remote_id, operation, reverted_to,
///     requested_by, requested_at, reason, forced ("0"/"1"), outcome, provider_status, error,
///     hash_before, hash_after, revision_seq
///
/// each field as in `RevisionChain` (absent: 0x00; present: 0x01, UInt64 big-endian length, UTF-8),
/// integers as decimal text.
extension RevisionChain {
    static let promptWriteTag = Array("assistant-mirror/prompt-write/v1".utf8)

    /// The columns of a `prompt_writes` row that the chain covers, with its account's name.
    public struct PromptWriteEntry: Sendable, Equatable {
        public var seq: Int
        public var account: String
        public var remoteID: String
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
        public var revisionSeq: Int?

        /// `seq` is assigned when the entry is appended.
        public init(
            seq: Int = 0,
            account: String,
            remoteID: String,
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
            revisionSeq: Int?
        ) {
            self.seq = seq
            self.account = account
            self.remoteID = remoteID
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
            self.revisionSeq = revisionSeq
        }
    }

    public static func rowHash(previousHash: String, promptWrite entry: PromptWriteEntry) -> String {
        var encoded = promptWriteTag
        for field in [
            String(entry.seq), entry.account, entry.remoteID, entry.operation, entry.revertedTo.map(String.init),
            entry.requestedBy, entry.requestedAt, entry.reason, entry.forced ? "1" : "0", entry.outcome,
            entry.providerStatus.map(String.init), entry.error, entry.hashBefore, entry.hashAfter,
            entry.revisionSeq.map(String.init),
        ] as [String?] {
            append(field, to: &encoded)
        }
        var hasher = SHA256()
        hasher.update(hexBytes(previousHash))
        hasher.update(encoded)
        return hasher.finalize().hexString
    }
}
