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
    func loadAttributions() throws -> [SideEntry] {
        guard try hasTable("attributions") else { return [] }
        return try connection.rows(
            """
            SELECT seq, revision_seq, source, changed_by, ambiguous, event_ids, attributed_at, prev_hash, row_hash
            FROM attributions ORDER BY seq
            """
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

    /// Whether the schema has `table` (https://www.sqlite.org/schematab.html).
    func hasTable(_ table: String) throws -> Bool {
        try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]) == 1
    }
}
