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
        let writes =
            try connection.existingChainTables().contains("prompt_writes")
            ? try loadPromptWrites().map(SideEntry.promptWrite) : []
        return (prunes + writes).sorted { $0.seq < $1.seq }
    }

    private func loadPromptWrites() throws -> [StoredPromptWrite] {
        try connection.rows(
            """
            SELECT w.seq, ac.name, w.remote_id, \(WriteAttemptFacts.columns), w.revision_seq, w.prev_hash, w.row_hash
            FROM prompt_writes w LEFT JOIN accounts ac ON ac.id = w.account_id ORDER BY w.seq
            """
        ) { row in
            var columns = ColumnCursor(row)
            return StoredPromptWrite(
                entry: RevisionChain.PromptWriteEntry(
                    seq: columns.int(),
                    account: columns.string(),
                    remoteID: columns.string(),
                    facts: WriteAttemptFacts.read(&columns),
                    revisionSeq: columns.optionalInt()
                ),
                storedPrevious: columns.string(),
                storedHash: columns.string()
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
            guard
                RevisionChain.rowHash(previousHash: write.storedPrevious, promptWrite: write.entry) == write.storedHash
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
