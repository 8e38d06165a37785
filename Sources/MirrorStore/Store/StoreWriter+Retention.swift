import MirrorCore

/// What a prune removed.
public struct PruneResult: Sendable, Equatable {
    public let seq: Int
    public let removed: Int
    public let gaps: Int
}

extension StoreWriter {
    /// Removes history older than `cutoff` that retention may drop: revisions that changed no
    /// prompt-bearing field and are not their assistant's current revision. Creations, deletions,
    /// restorations and prompt changes are kept forever, as is all current state and every revision an
    /// attribution names (its editor stays provable). The prune appends
    /// itself to the hash chain with the gaps it leaves, so `verify` still passes afterwards.
    /// Returns nil when there was nothing to remove.
    public func prune(before cutoff: String, now: String) throws -> PruneResult? {
        let doomed = Set(
            try connection.rows(
                """
                SELECT r.seq FROM revisions r JOIN assistants a ON a.id = r.assistant_id
                WHERE r.observed_at < ? AND r.change_kind = 'updated' AND r.revision < a.revision
                  AND NOT EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1)
                  AND NOT EXISTS (SELECT 1 FROM attributions t WHERE t.revision_seq = r.seq)
                """,
                [cutoff]
            ) { $0.int(0)! }
        )
        guard !doomed.isEmpty, let head = try chainHead.current(connection) else { return nil }
        let gaps = try gaps(removing: doomed, from: doomed.min()!)
        try connection.execute("INSERT INTO pruning_in_progress (started_at) VALUES (?)", [now])
        for seq in doomed.sorted() {
            try connection.execute("DELETE FROM revision_fields WHERE revision_seq = ?", [seq])
            try connection.execute("DELETE FROM revisions WHERE seq = ?", [seq])
        }
        try connection.execute("DELETE FROM pruning_in_progress")
        let entry = RevisionChain.PruneEntry(
            seq: head.seq + 1,
            prunedAt: now,
            cutoff: cutoff,
            removed: doomed.count,
            gaps: gaps
        )
        let rowHash = RevisionChain.rowHash(previousHash: head.hash, prune: entry)
        try connection.execute(
            "INSERT INTO history_prunes (seq, pruned_at, cutoff, removed, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?)",
            [entry.seq, now, cutoff, doomed.count, head.hash, rowHash]
        )
        chainHead.appended(seq: entry.seq, hash: rowHash)
        for gap in gaps {
            try connection.execute(
                "INSERT INTO history_prune_gaps (prune_seq, first_seq, last_seq, resume_seq, bridge_from, bridge_to) VALUES (?, ?, ?, ?, ?, ?)",
                [entry.seq, gap.firstSeq, gap.lastSeq, gap.resumeSeq, gap.bridgeFrom, gap.bridgeTo]
            )
        }
        return PruneResult(seq: entry.seq, removed: doomed.count, gaps: gaps.count)
    }

    /// Walks the chain from just before `first` and turns each run of doomed entries into a gap that
    /// bridges from the last surviving entry's hash to the stored prev_hash of the entry after the run.
    private func gaps(removing doomed: Set<Int>, from first: Int) throws -> [RevisionChain.Gap] {
        // Every kind of chain entry, since a run of removed revisions may end at any of them.
        let tables = try connection.existingChainTables()
        let entries = try connection.rows(
            tables.map { "SELECT seq, prev_hash, row_hash FROM \($0) WHERE seq >= ?" }
                .joined(separator: " UNION ALL ") + " ORDER BY seq",
            tables.map { _ in first }
        ) { (seq: $0.int(0)!, previous: $0.string(1)!, hash: $0.string(2)!) }
        var gaps: [RevisionChain.Gap] = []
        var open: RevisionChain.Gap?
        for entry in entries {
            if doomed.contains(entry.seq) {
                if open == nil {
                    open = RevisionChain.Gap(
                        firstSeq: entry.seq,
                        lastSeq: entry.seq,
                        resumeSeq: 0,
                        bridgeFrom: try hashBefore(entry.seq, stored: entry.previous),
                        bridgeTo: ""
                    )
                }
                open!.lastSeq = entry.seq
            } else if var gap = open {
                // The entry after the run still names what came before it, which may itself be an
                // earlier gap: bridge to exactly what it stores.
                gap.resumeSeq = entry.seq
                gap.bridgeTo = entry.previous
                gaps.append(gap)
                open = nil
            }
        }
        return gaps
    }

    /// The hash a verifier expects before `seq`: that of the last surviving entry before it. When an
    /// earlier prune removed the entries right before `seq`, that is its gap's bridge_from.
    private func hashBefore(_ seq: Int, stored: String) throws -> String {
        try connection.scalarString(
            "SELECT bridge_from FROM history_prune_gaps WHERE resume_seq = ? AND bridge_to = ? ORDER BY prune_seq DESC LIMIT 1",
            [seq, stored]
        ) ?? stored
    }
}
