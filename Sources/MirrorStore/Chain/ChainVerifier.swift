import MirrorCore

/// The outcome of recomputing the hash chain.
public struct ChainVerification: Sendable, Equatable, Codable {
    public struct Head: Sendable, Equatable, Codable {
        public let seq: Int
        public let hash: String

        public init(seq: Int, hash: String) {
            self.seq = seq
            self.hash = hash
        }
    }

    public struct Problem: Sendable, Equatable, Codable {
        /// The first revision (by seq) at which the chain breaks.
        public let seq: Int
        public let reason: String
    }

    public let checked: Int
    public let head: Head?
    public let problem: Problem?

    public var isIntact: Bool { problem == nil }
}

/// Recomputes every revision's hash in seq order and names the first one that does not match.
///
/// It catches an edited byte in any covered column (the row's hash no longer matches), a deleted row
/// (the next row's prev_hash no longer matches), a snapshot swapped for another (content_hash), and,
/// given a head recorded earlier outside the database, a truncated tail or a rewritten chain.
public struct ChainVerifier {
    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    public func verify(anchoredHead: ChainVerification.Head? = nil) throws -> ChainVerification {
        let revisions = try connection.prepare(
            """
            SELECT r.seq, ac.name, ac.provider, a.remote_id, r.revision, r.change_kind, r.observed_at,
                r.previous_observed_at, r.provider_updated_at, r.content_hash, r.changed_by, r.actor_hint, r.name,
                r.prompt, r.snapshot, r.prev_hash, r.row_hash
            FROM revisions r
            LEFT JOIN assistants a ON a.id = r.assistant_id
            LEFT JOIN accounts ac ON ac.id = a.account_id
            ORDER BY r.seq
            """
        )
        let fields = try connection.prepare(
            "SELECT path, old_value, new_value, prompt_bearing FROM revision_fields WHERE revision_seq = ? ORDER BY path"
        )
        try revisions.bind([])
        var expectedPrevious = RevisionChain.genesisHash
        var checked = 0
        var head: ChainVerification.Head?
        var anchorSeen = anchoredHead == nil
        let row = Row(statement: revisions)
        while try revisions.step() {
            let seq = row.int(0)!
            func broken(_ reason: String) -> ChainVerification {
                ChainVerification(checked: checked, head: head, problem: .init(seq: seq, reason: reason))
            }
            let changes = try fields.rows([seq]) {
                FieldChange(path: $0.string(0)!, oldValue: $0.string(1), newValue: $0.string(2), promptBearing: $0.int(3) == 1)
            }
            let snapshot = row.string(14) ?? ""
            let entry = RevisionChain.Entry(
                seq: seq, account: row.string(1) ?? "", provider: row.string(2) ?? "", remoteID: row.string(3) ?? "",
                revision: row.int(4) ?? 0, changeKind: row.string(5) ?? "", observedAt: row.string(6) ?? "",
                previousObservedAt: row.string(7), providerUpdatedAt: row.string(8), contentHash: row.string(9) ?? "",
                changedBy: row.string(10), actorHint: row.string(11), name: row.string(12), prompt: row.string(13),
                snapshot: snapshot, fields: changes
            )
            let storedPrevious = row.string(15) ?? ""
            let storedHash = row.string(16) ?? ""
            guard storedPrevious == expectedPrevious else {
                return broken("prev_hash does not match the hash of the revision before it: a revision before seq \(seq) was deleted or altered")
            }
            guard SHA256.hash(snapshot).hexString == entry.contentHash else {
                return broken("the snapshot does not match its content_hash: the snapshot or the hash was edited")
            }
            guard RevisionChain.rowHash(previousHash: storedPrevious, entry: entry) == storedHash else {
                return broken("row_hash does not match the revision's contents: the revision or its field changes were edited")
            }
            if let anchoredHead, anchoredHead.seq == seq {
                guard anchoredHead.hash == storedHash else {
                    return broken("the revision's hash differs from the anchored head \(anchoredHead.hash): the chain was rewritten")
                }
                anchorSeen = true
            }
            expectedPrevious = storedHash
            checked += 1
            head = .init(seq: seq, hash: storedHash)
        }
        if !anchorSeen, let anchoredHead {
            return ChainVerification(
                checked: checked, head: head,
                problem: .init(seq: anchoredHead.seq, reason: "the anchored head seq \(anchoredHead.seq) is missing: the history was truncated")
            )
        }
        return ChainVerification(checked: checked, head: head, problem: nil)
    }
}
