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
        guard try hasTable("attributions") else { return [] }
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

    /// The write attempts (`PromptWriteEntry`).
    func loadPromptWrites(after seq: Int) throws -> [SideEntry] {
        try connection.rows(
            """
            SELECT w.seq, ac.name, w.remote_id, w.operation, w.reverted_to, w.requested_by, w.requested_at, w.reason,
                w.forced, w.outcome, w.provider_status, w.error, w.hash_before, w.hash_after, w.revision_seq,
                w.prev_hash, w.row_hash
            FROM prompt_writes w LEFT JOIN accounts ac ON ac.id = w.account_id WHERE w.seq > ? ORDER BY w.seq
            """,
            [seq]
        ) { row in
            let entry = RevisionChain.PromptWriteEntry(
                seq: row.int(0)!,
                account: row.string(1) ?? "",
                remoteID: row.string(2) ?? "",
                operation: row.string(3) ?? "",
                revertedTo: row.int(4),
                requestedBy: row.string(5) ?? "",
                requestedAt: row.string(6) ?? "",
                reason: row.string(7) ?? "",
                forced: row.int(8) == 1,
                outcome: row.string(9) ?? "",
                providerStatus: row.int(10),
                error: row.string(11),
                hashBefore: row.string(12),
                hashAfter: row.string(13),
                revisionSeq: row.int(14)
            )
            return SideEntry(
                seq: entry.seq,
                storedPrevious: row.string(15) ?? "",
                storedHash: row.string(16) ?? "",
                recompute: { RevisionChain.rowHash(previousHash: $0, promptWrite: entry) },
                tampered: "the write attempt does not match its hash: who, why, the outcome or the hashes were edited"
            )
        }
    }

    /// Whether the schema has `table` (https://www.sqlite.org/schematab.html).
    func hasTable(_ table: String) throws -> Bool {
        try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]) == 1
    }
}
