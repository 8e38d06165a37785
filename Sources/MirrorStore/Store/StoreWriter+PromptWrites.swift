import MirrorCore

extension StoreWriter {
    /// Appends one write attempt (`prompt_writes`), chained to the current head; returns its seq.
    @discardableResult
    public func appendPromptWrite(_ attempt: RevisionChain.PromptWriteEntry, accountID: Int) throws -> Int {
        let head = try chainHead.current(connection)
        var entry = attempt
        entry.seq = (head?.seq ?? 0) + 1
        let previousHash = head?.hash ?? RevisionChain.genesisHash
        let facts = entry.facts
        let rowHash = RevisionChain.rowHash(previousHash: previousHash, promptWrite: entry)
        try connection.execute(
            """
            INSERT INTO prompt_writes (seq, account_id, remote_id, \(WriteAttemptFacts.columns), revision_seq,
                prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                entry.seq, accountID, entry.remoteID, facts.operation, facts.revertedTo, facts.requestedBy,
                facts.requestedAt, facts.reason, facts.forced, facts.outcome, facts.providerStatus, facts.error,
                facts.hashBefore, facts.hashAfter, entry.revisionSeq, previousHash, rowHash,
            ]
        )
        chainHead.appended(seq: entry.seq, hash: rowHash)
        return entry.seq
    }

    /// The chain seq of an assistant's revision `revision`.
    public func revisionSeq(assistantID: Int, revision: Int) throws -> Int? {
        try connection.scalarInt(
            "SELECT seq FROM revisions WHERE assistant_id = ? AND revision = ?",
            [assistantID, revision]
        )
    }
}
