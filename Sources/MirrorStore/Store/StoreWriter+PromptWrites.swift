import MirrorCore

extension StoreWriter {
    /// Appends one write attempt (`prompt_writes`), chained to the current head; returns its seq.
    @discardableResult
    public func appendPromptWrite(_ attempt: RevisionChain.PromptWriteEntry, accountID: Int) throws -> Int {
        let head = try connection.currentChainHead()
        var entry = attempt
        entry.seq = (head?.seq ?? 0) + 1
        let previousHash = head?.hash ?? RevisionChain.genesisHash
        try connection.execute(
            """
            INSERT INTO prompt_writes (seq, account_id, remote_id, operation, reverted_to, requested_by,
                requested_at, reason, forced, outcome, provider_status, error, hash_before, hash_after,
                revision_seq, prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                entry.seq, accountID, entry.remoteID, entry.operation, entry.revertedTo, entry.requestedBy,
                entry.requestedAt, entry.reason, entry.forced, entry.outcome, entry.providerStatus, entry.error,
                entry.hashBefore, entry.hashAfter, entry.revisionSeq, previousHash,
                RevisionChain.rowHash(previousHash: previousHash, promptWrite: entry),
            ]
        )
        return entry.seq
    }
}

extension StoreWriter {
    /// The chain seq of an assistant's revision `revision`.
    public func revisionSeq(assistantID: Int, revision: Int) throws -> Int? {
        try connection.scalarInt(
            "SELECT seq FROM revisions WHERE assistant_id = ? AND revision = ?",
            [assistantID, revision]
        )
    }
}
