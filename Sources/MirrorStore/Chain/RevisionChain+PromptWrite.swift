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
        public var facts: WriteAttemptFacts
        public var revisionSeq: Int?

        /// `seq` is assigned when the entry is appended.
        public init(seq: Int = 0, account: String, remoteID: String, facts: WriteAttemptFacts, revisionSeq: Int?) {
            self.seq = seq
            self.account = account
            self.remoteID = remoteID
            self.facts = facts
            self.revisionSeq = revisionSeq
        }
    }

    public static func rowHash(previousHash: String, promptWrite entry: PromptWriteEntry) -> String {
        let facts = entry.facts
        var encoded = promptWriteTag
        for field in [
            String(entry.seq), entry.account, entry.remoteID, facts.operation, facts.revertedTo.map(String.init),
            facts.requestedBy, facts.requestedAt, facts.reason, facts.forced ? "1" : "0", facts.outcome,
            facts.providerStatus.map(String.init), facts.error, facts.hashBefore, facts.hashAfter,
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

extension WriteAttemptFacts {
    /// The columns in `columns`: operation, reverted_to, requested_by, requested_at, reason, forced,
    /// outcome, provider_status, error, hash_before, hash_after (the order of `prompt_writes`).
    static func read(_ columns: inout ColumnCursor) -> WriteAttemptFacts {
        WriteAttemptFacts(
            operation: columns.string(),
            revertedTo: columns.optionalInt(),
            requestedBy: columns.string(),
            requestedAt: columns.string(),
            reason: columns.string(),
            forced: columns.bool(),
            outcome: columns.string(),
            providerStatus: columns.optionalInt(),
            error: columns.optionalString(),
            hashBefore: columns.optionalString(),
            hashAfter: columns.optionalString()
        )
    }

    /// The same columns by name, for a SELECT list.
    static let columns =
        "operation, reverted_to, requested_by, requested_at, reason, forced, outcome, provider_status, error, "
        + "hash_before, hash_after"
}
