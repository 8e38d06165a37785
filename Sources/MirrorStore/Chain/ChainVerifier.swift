import MirrorCore

/// Recomputes every chain entry's hash in seq order and names the first one that does not match: the
/// revisions, and between them the side entries (`ChainVerifier+SideEntries.swift`).
///
/// It catches an edited byte in any covered column (the row's hash no longer matches), a deleted row
/// (the next row's prev_hash no longer matches), a snapshot swapped for another (content_hash), and,
/// given a head recorded earlier outside the database, a truncated tail or a rewritten chain.
///
/// The daemon verifies incrementally after each crawl: `verify(after:)` with the head it verified last
/// starts the same walk there, so only the entries appended since are hashed; an edit of an older entry
/// waits for the next whole walk (start-up, daily, or `verify`).
public struct ChainVerifier {
    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Walks the whole chain, or with `start` (a head an earlier walk found intact) only the entries after
    /// it, which must link to `start.hash`. When `start`'s entry is gone (retention may prune a revision
    /// that is no longer current), it walks the whole chain instead.
    public func verify(
        anchoredHead: ChainVerification.Head? = nil,
        after start: ChainVerification.Head? = nil
    ) throws -> ChainVerification {
        var start = start
        if let known = start {
            switch try storedHash(seq: known.seq) {
            case nil: start = nil
            case known.hash: break
            case let stored?:
                return ChainVerification(
                    checked: 0,
                    head: known,
                    problem: .init(
                        seq: known.seq,
                        reason:
                            "its hash changed since it was verified (was \(known.hash), now \(stored)): the entry was rewritten"
                    )
                )
            }
        }
        let after = start?.seq ?? 0
        let (prunes, gaps) = try loadPrunes(after: after)
        let sideEntries = try (prunes + loadAttributions(after: after) + loadPromptWrites(after: after))
            .sorted { $0.seq < $1.seq }
        var nextSide = 0
        // A file from before migration 0007 (a backup read as it is) has no prompt spans.
        let spans = try connection.hasPromptSpans() ? "r.prompt_offset, r.prompt_length" : "NULL, NULL"
        let revisions = try connection.prepare(
            """
            SELECT r.seq, ac.name, ac.provider, a.remote_id, r.revision, r.change_kind, r.observed_at,
                r.previous_observed_at, r.provider_updated_at, r.content_hash, r.changed_by, r.actor_hint, r.name,
                r.prompt, r.snapshot, r.prev_hash, r.row_hash, r.assistant_id, r.crawl_id, \(spans)
            FROM revisions r
            LEFT JOIN assistants a ON a.id = r.assistant_id
            LEFT JOIN accounts ac ON ac.id = a.account_id
            WHERE r.seq > ?
            ORDER BY r.seq
            """
        )
        let fields = try connection.prepare(
            "SELECT path, old_value, new_value, prompt_bearing FROM revision_fields WHERE revision_seq = ? ORDER BY path"
        )
        var walk = Walk(
            gaps: Dictionary(grouping: gaps, by: \.resumeSeq),
            anchor: anchoredHead,
            start: start
        )
        try revisions.bind([after])
        let row = Row(statement: revisions)
        while try revisions.step() {
            let seq = row.int(0)!
            while nextSide < sideEntries.count, sideEntries[nextSide].seq < seq {
                if let problem = walk.check(sideEntries[nextSide]) { return walk.result(problem) }
                nextSide += 1
            }
            let changes = try fields.rows([seq]) {
                FieldChange(
                    path: $0.string(0)!,
                    oldValue: $0.string(1),
                    newValue: $0.string(2),
                    promptBearing: $0.int(3) == 1
                )
            }
            guard let kind = ChangeKind(rawValue: row.string(5) ?? "") else {
                return walk.result(
                    .init(seq: seq, reason: "change_kind '\(row.string(5) ?? "")' is not one the mirror writes")
                )
            }
            let revision = NewRevision(
                assistantID: row.int(17) ?? 0,
                revision: row.int(4) ?? 0,
                kind: kind,
                observedAt: row.string(6) ?? "",
                previousObservedAt: row.string(7),
                providerUpdatedAt: row.string(8),
                contentHash: row.string(9) ?? "",
                changedBy: row.string(10),
                actorHint: row.string(11),
                name: row.string(12),
                prompt: row.string(13),
                snapshot: row.string(14) ?? "",
                crawlID: row.int(18),
                fields: changes,
                promptSpan: row.int(19).map { PromptSpan(offset: $0, length: row.int(20) ?? -1) }
            )
            let entry = RevisionChain.Entry(
                seq: seq,
                account: row.string(1) ?? "",
                provider: row.string(2) ?? "",
                remoteID: row.string(3) ?? "",
                revision: revision
            )
            if let problem = walk.check(entry, storedPrevious: row.string(15) ?? "", storedHash: row.string(16) ?? "") {
                return walk.result(problem)
            }
        }
        while nextSide < sideEntries.count {
            if let problem = walk.check(sideEntries[nextSide]) { return walk.result(problem) }
            nextSide += 1
        }
        return walk.finish()
    }

    /// The row_hash stored for the chain entry at `seq` (in any chain table); nil when there is none.
    private func storedHash(seq: Int) throws -> String? {
        for table in try connection.existingChainTables() {
            if let hash = try connection.scalarString("SELECT row_hash FROM \(table) WHERE seq = ?", [seq]) {
                return hash
            }
        }
        return nil
    }

    /// The prune records after `seq` as side entries, and the gaps they left (a gap may bridge entries of
    /// any age).
    private func loadPrunes(after seq: Int) throws -> (entries: [SideEntry], gaps: [RevisionChain.Gap]) {
        let gaps = try connection.rows(
            "SELECT prune_seq, first_seq, last_seq, resume_seq, bridge_from, bridge_to FROM history_prune_gaps WHERE prune_seq > ? ORDER BY first_seq",
            [seq]
        ) { row in
            (
                row.int(0)!,
                RevisionChain.Gap(
                    firstSeq: row.int(1)!,
                    lastSeq: row.int(2)!,
                    resumeSeq: row.int(3)!,
                    bridgeFrom: row.string(4)!,
                    bridgeTo: row.string(5)!
                )
            )
        }
        let entries = try connection.rows(
            "SELECT seq, pruned_at, cutoff, removed, prev_hash, row_hash FROM history_prunes WHERE seq > ? ORDER BY seq",
            [seq]
        ) { row in
            let seq = row.int(0)!
            let prune = RevisionChain.PruneEntry(
                seq: seq,
                prunedAt: row.string(1)!,
                cutoff: row.string(2)!,
                removed: row.int(3)!,
                gaps: gaps.filter { $0.0 == seq }.map(\.1)
            )
            return SideEntry(
                seq: seq,
                storedPrevious: row.string(4)!,
                storedHash: row.string(5)!,
                recompute: { RevisionChain.rowHash(previousHash: $0, prune: prune) },
                tampered: "the prune record does not match its hash: the record or its gaps were edited"
            )
        }
        return (entries, gaps.map(\.1))
    }
}

/// The state of one verification walk along the chain.
private struct Walk {
    /// Gaps by the seq that resumes the chain after them (two prunes may bridge to the same entry).
    let gaps: [Int: [RevisionChain.Gap]]
    let anchor: ChainVerification.Head?
    var expectedPrevious = RevisionChain.genesisHash
    var checked = 0
    var head: ChainVerification.Head?
    var anchorSeen: Bool

    /// From `start`, a head verified earlier, the walk continues where that one ended.
    init(gaps: [Int: [RevisionChain.Gap]], anchor: ChainVerification.Head?, start: ChainVerification.Head?) {
        self.gaps = gaps
        self.anchor = anchor
        anchorSeen = anchor.map { anchor in start.map { $0.seq >= anchor.seq } ?? false } ?? true
        expectedPrevious = start?.hash ?? RevisionChain.genesisHash
        head = start
    }

    mutating func check(
        _ entry: RevisionChain.Entry,
        storedPrevious: String,
        storedHash: String
    ) -> ChainVerification.Problem? {
        if let problem = link(seq: entry.seq, storedPrevious: storedPrevious) { return problem }
        guard SHA256.hash(entry.revision.snapshot).hexString == entry.revision.contentHash else {
            return .init(
                seq: entry.seq,
                reason: "the snapshot does not match its content_hash: the snapshot or the hash was edited"
            )
        }
        guard RevisionChain.rowHash(previousHash: storedPrevious, entry: entry) == storedHash else {
            return .init(
                seq: entry.seq,
                reason: "row_hash does not match the revision's contents: the revision or its field changes were edited"
            )
        }
        return advance(seq: entry.seq, hash: storedHash)
    }

    mutating func check(_ side: ChainVerifier.SideEntry) -> ChainVerification.Problem? {
        if let problem = link(seq: side.seq, storedPrevious: side.storedPrevious) { return problem }
        guard side.recompute(side.storedPrevious) == side.storedHash else {
            return .init(seq: side.seq, reason: side.tampered)
        }
        return advance(seq: side.seq, hash: side.storedHash)
    }

    /// The entry must follow the one before it, or resume after a gap that a chained prune recorded.
    private func link(seq: Int, storedPrevious: String) -> ChainVerification.Problem? {
        if storedPrevious == expectedPrevious { return nil }
        if gaps[seq]?.contains(where: { $0.bridgeFrom == expectedPrevious && $0.bridgeTo == storedPrevious }) == true {
            return nil
        }
        return .init(
            seq: seq,
            reason:
                "prev_hash does not match the hash of the entry before it: an entry before seq \(seq) was deleted or altered"
        )
    }

    private mutating func advance(seq: Int, hash: String) -> ChainVerification.Problem? {
        if let anchor, anchor.seq == seq {
            guard anchor.hash == hash else {
                return .init(
                    seq: seq,
                    reason: "the entry's hash differs from the anchored head \(anchor.hash): the chain was rewritten"
                )
            }
            anchorSeen = true
        }
        expectedPrevious = hash
        checked += 1
        head = .init(seq: seq, hash: hash)
        return nil
    }

    func result(_ problem: ChainVerification.Problem) -> ChainVerification {
        ChainVerification(checked: checked, head: head, problem: problem)
    }

    func finish() -> ChainVerification {
        if !anchorSeen, let anchor {
            return result(
                .init(
                    seq: anchor.seq,
                    reason: "the anchored head seq \(anchor.seq) is missing: the history was truncated"
                )
            )
        }
        return ChainVerification(checked: checked, head: head, problem: nil)
    }
}
