import MirrorCore

/// The chain entries that are not revisions, merged into the walk by seq: prunes and write attempts.
extension ChainVerifier {
    enum SideEntry {
        case prune(StoredPrune)
        case promptWrite(StoredPromptWrite)

        var seq: Int {
            switch self {
            case .prune(let prune): prune.entry.seq
            case .promptWrite(let write): write.entry.seq
            }
        }
    }

    struct StoredPromptWrite {
        let entry: RevisionChain.PromptWriteEntry
        let storedPrevious: String
        let storedHash: String
    }

    func loadSideEntries() throws -> [SideEntry] {
        let prunes = try loadPrunes().map(SideEntry.prune)
        let writes = try loadPromptWrites().map(SideEntry.promptWrite)
        return (prunes + writes).sorted { $0.seq < $1.seq }
    }

    private func loadPromptWrites() throws -> [StoredPromptWrite] {
        try connection.rows(
            """
            SELECT w.seq, ac.name, w.remote_id, w.operation, w.reverted_to, w.requested_by, w.requested_at, w.reason,
                w.forced, w.outcome, w.provider_status, w.error, w.hash_before, w.hash_after, w.revision_seq,
                w.prev_hash, w.row_hash
            FROM prompt_writes w LEFT JOIN accounts ac ON ac.id = w.account_id ORDER BY w.seq
            """
        ) { row in
            StoredPromptWrite(
                entry: RevisionChain.PromptWriteEntry(
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
                ),
                storedPrevious: row.string(15) ?? "",
                storedHash: row.string(16) ?? ""
            )
        }
    }
}

extension Walk {
    mutating func check(_ side: ChainVerifier.SideEntry) -> ChainVerification.Problem? {
        switch side {
        case .prune(let prune): return check(prune)
        case .promptWrite(let write):
            if let problem = link(seq: write.entry.seq, storedPrevious: write.storedPrevious) { return problem }
            guard RevisionChain.rowHash(previousHash: write.storedPrevious, promptWrite: write.entry) == write.storedHash
            else {
                return .init(
                    seq: write.entry.seq,
                    reason: "the write attempt does not match its hash: who, why, the outcome or the hashes were edited"
                )
            }
            return advance(seq: write.entry.seq, hash: write.storedHash)
        }
    }
}
