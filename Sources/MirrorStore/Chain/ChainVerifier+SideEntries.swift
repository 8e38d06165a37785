import MirrorCore

/// Chain entries other than revisions. Each kind loads its rows as `SideEntry` values that carry how
/// to recompute their hash; `verify` merges all of them by seq with the revisions, so a new kind of
/// entry is one more loader added to the list in `verify`.
extension ChainVerifier {
    struct SideEntry {
        let seq: Int
        let storedPrevious: String
        let storedHash: String
        /// `row_hash` recomputed from the stored fields, given the stored prev_hash.
        let recompute: (String) -> String
        /// What a mismatch means, as `verify` reports it.
        let tampered: String
    }

    /// The attributions (`AttributionEntry`); none in a database from before migration 0005, which
    /// `verify FILE` may be given (a backup made by an older version).
    func loadAttributions(after seq: Int) throws -> [SideEntry] {
        guard try connection.existingChainTables().contains("attributions") else { return [] }
        return try connection.rows(
            """
            SELECT seq, revision_seq, source, changed_by, ambiguous, event_ids, attributed_at, prev_hash, row_hash
            FROM attributions WHERE seq > ? ORDER BY seq
            """,
            [seq]
        ) { row in
            var columns = ColumnCursor(row)
            let entry = AttributionEntry(
                seq: columns.int(),
                revisionSeq: columns.int(),
                source: columns.string(),
                changedBy: columns.string(),
                ambiguous: columns.bool(),
                eventIDs: columns.string(),
                attributedAt: columns.string()
            )
            return SideEntry(
                seq: entry.seq,
                storedPrevious: columns.string(),
                storedHash: columns.string(),
                recompute: entry.rowHash(previousHash:),
                tampered: "the attribution does not match its hash: its editor, events or revision were edited"
            )
        }
    }

    /// The write attempts (`PromptWriteEntry`); none in a database from before migration 0005.
    func loadPromptWrites(after seq: Int) throws -> [SideEntry] {
        guard try connection.existingChainTables().contains("prompt_writes") else { return [] }
        return try connection.rows(
            """
            SELECT w.seq, ac.name, w.remote_id, \(WriteAttemptFacts.columns), w.revision_seq, w.prev_hash, w.row_hash
            FROM prompt_writes w LEFT JOIN accounts ac ON ac.id = w.account_id WHERE w.seq > ? ORDER BY w.seq
            """,
            [seq]
        ) { row in
            var columns = ColumnCursor(row)
            let entry = RevisionChain.PromptWriteEntry(
                seq: columns.int(),
                account: columns.string(),
                remoteID: columns.string(),
                facts: WriteAttemptFacts.read(&columns),
                revisionSeq: columns.optionalInt()
            )
            return SideEntry(
                seq: entry.seq,
                storedPrevious: columns.string(),
                storedHash: columns.string(),
                recompute: { RevisionChain.rowHash(previousHash: $0, promptWrite: entry) },
                tampered: "the write attempt does not match its hash: who, why, the outcome or the hashes were edited"
            )
        }
    }
}
