import MirrorCore

/// The write operations of one transaction (see `MirrorStore.write`). Valid only inside that call.
public struct StoreWriter {
    let connection: Connection
    /// The chain's head as this transaction knows it; every chain append goes through it.
    let chainHead = ChainHeadCache()

    /// Whether this transaction appended to the hash chain so far.
    var appendedToChain: Bool { chainHead.grew }

    // MARK: - Accounts

    /// The account's id, creating its row the first time. A provider change for an existing name is
    /// refused: the history of one provider's assistants must not continue under another's.
    public func accountID(name: String, provider: ProviderKind, now: String) throws -> Int {
        if let (id, stored) = try connection.firstRow(
            "SELECT id, provider FROM accounts WHERE name = ?",
            [name],
            { ($0.int(0)!, $0.string(1)!) }
        ) {
            guard stored == provider.rawValue else {
                throw StoreError.accountProviderChanged(account: name, stored: stored, configured: provider.rawValue)
            }
            return id
        }
        try connection.execute(
            "INSERT INTO accounts (name, provider, created_at) VALUES (?, ?, ?)",
            [name, provider.rawValue, now]
        )
        return connection.lastInsertedRowID
    }

    // MARK: - Crawls

    /// The account's last crawl when a crash or a shutdown left it unfinished.
    public func resumableCrawl(accountID: Int) throws -> ResumableCrawl? {
        try connection.firstRow(
            """
            SELECT id, status, pages, seen, created, updated, deleted, restored, next_page, started_at
            FROM crawls WHERE account_id = ? ORDER BY id DESC LIMIT 1
            """,
            [accountID]
        ) { row -> ResumableCrawl? in
            guard let status = row.string(1), status == "running" || status == "interrupted" else { return nil }
            var progress = CrawlProgress()
            progress.pages = row.int(2)!
            progress.seen = row.int(3)!
            progress.created = row.int(4)!
            progress.updated = row.int(5)!
            progress.deleted = row.int(6)!
            progress.restored = row.int(7)!
            progress.nextPage = row.string(8)
            return ResumableCrawl(id: row.int(0)!, progress: progress, startedAt: row.string(9)!)
        } ?? nil
    }

    public func beginCrawl(accountID: Int, now: String) throws -> Int {
        try dropSightings(accountID: accountID)
        try connection.execute(
            "INSERT INTO crawls (account_id, started_at, status, checkpoint_at) VALUES (?, ?, 'running', ?)",
            [accountID, now, now]
        )
        return connection.lastInsertedRowID
    }

    /// Marks a resumed crawl as running again.
    public func resumeCrawl(_ crawlID: Int, now: String) throws {
        try connection.execute(
            "UPDATE crawls SET status = 'running', error = NULL, checkpoint_at = ? WHERE id = ?",
            [now, crawlID]
        )
    }

    /// The checkpoint: written in the same transaction as the page it follows.
    public func checkpoint(crawlID: Int, progress: CrawlProgress, now: String) throws {
        try connection.execute(
            """
            UPDATE crawls SET pages = ?, seen = ?, created = ?, updated = ?, deleted = ?, restored = ?,
                next_page = ?, checkpoint_at = ?
            WHERE id = ?
            """,
            [
                progress.pages, progress.seen, progress.created, progress.updated, progress.deleted,
                progress.restored, progress.nextPage, now, crawlID,
            ]
        )
    }

    public func finishCrawl(
        crawlID: Int,
        status: CrawlStatus,
        complete: Bool,
        error: String?,
        progress: CrawlProgress,
        now: String
    ) throws {
        try checkpoint(crawlID: crawlID, progress: progress, now: now)
        try connection.execute(
            "UPDATE crawls SET status = ?, complete = ?, error = ?, finished_at = ? WHERE id = ?",
            [status.rawValue, complete, error, status == .interrupted ? nil : now, crawlID]
        )
        if status != .interrupted { try dropSightings(crawlID: crawlID) }
    }

    // MARK: - Assistants

    public func assistant(accountID: Int, remoteID: String) throws -> StoredAssistant? {
        try connection.firstRow(
            Self.selectAssistant + " WHERE a.account_id = ? AND a.remote_id = ?",
            [accountID, remoteID],
            Self.storedAssistant
        )
    }

    public func liveAssistantCount(accountID: Int) throws -> Int {
        try connection.scalarInt(
            "SELECT count(*) FROM assistants WHERE account_id = ? AND deleted_at IS NULL",
            [accountID]
        ) ?? 0
    }

    /// The account's live assistants by the digest of the bytes they were last read from (migration
    /// 0004): what a re-poll can recognise an unchanged item by without decoding it.
    public func liveRawDigests(accountID: Int) throws -> RawDigestIndex {
        let statement = try connection.cachedStatement(
            "SELECT raw_digest, id FROM assistants WHERE account_id = ? AND deleted_at IS NULL AND raw_digest IS NOT NULL"
        )
        try statement.bind([accountID])
        let row = Row(statement: statement)
        return try RawDigestIndex(expectedCount: try liveAssistantCount(accountID: accountID)) { add in
            while try statement.step() { add(Int64(row.int(0)!), row.int(1)!) }
        }
    }

    /// Whether every assistant listed is still a live assistant of the account holding that raw digest:
    /// nil when one is not, else those among them counted absent (their sighting is a state change,
    /// written into the row). One statement for a page, ids passed as a JSON array to `json_each`
    /// (https://www.sqlite.org/json1.html#jeach), digests compared here. The unary `+` keeps the
    /// planner off the account index, which would scan the whole account for every page
    /// (https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
    public func confirmRawDigests(_ pairs: [(assistantID: Int, rawDigest: Int64)], accountID: Int) throws -> [Int]? {
        guard !pairs.isEmpty else { return [] }
        var expected: [Int: Int64] = [:]
        for pair in pairs { expected[pair.assistantID] = pair.rawDigest }
        let rows = try connection.rows(
            """
            SELECT id, raw_digest, absent_crawls <> 0 FROM assistants
            WHERE id IN (SELECT value FROM json_each(?)) AND +account_id = ? AND deleted_at IS NULL
            """,
            [Self.jsonArray(expected.keys), accountID]
        ) { row in
            (id: row.int(0)!, held: row.int(1).map(Int64.init) == expected[row.int(0)!], absent: row.int(2)! != 0)
        }
        guard rows.count == expected.count, rows.allSatisfy(\.held) else { return nil }
        return rows.filter(\.absent).map(\.id)
    }

    /// Records the digest of the bytes an unchanged assistant was just confirmed from, when it differs
    /// from the stored one (first sighting after migration 0004, a volatile field that moved).
    public func setRawDigest(_ digest: Int64?, assistantID: Int) throws {
        try connection.execute("UPDATE assistants SET raw_digest = ? WHERE id = ?", [digest, assistantID])
    }

    /// A first sighting; its revision 1 (`created`) is appended separately. The row holds no prompt or
    /// snapshot: `revision` points to the revision that does (migration 0003).
    public func insertAssistant(
        accountID: Int,
        observation: AssistantObservation,
        at time: String,
        crawlID: Int?,
        rawDigest: Int64? = nil
    ) throws -> Int {
        try connection.execute(
            """
            INSERT INTO assistants (account_id, remote_id, name, model, voice, greeting, provider_updated_at,
                content_hash, first_seen_at, last_seen_at, last_seen_crawl, revision, raw_digest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
            """,
            [
                accountID, observation.remoteID, observation.name, observation.model, observation.voice,
                observation.greeting, observation.providerUpdatedAt, observation.contentHash, time, time, crawlID,
                rawDigest,
            ]
        )
        return connection.lastInsertedRowID
    }

    /// Replaces the current state after a change; the matching revision is appended separately.
    public func updateAssistant(
        id: Int,
        observation: AssistantObservation,
        at time: String,
        crawlID: Int?,
        revision: Int,
        rawDigest: Int64? = nil
    ) throws {
        try connection.execute(
            """
            UPDATE assistants SET name = ?, model = ?, voice = ?, greeting = ?, provider_updated_at = ?,
                content_hash = ?, last_seen_at = ?, last_seen_crawl = ?, absent_crawls = 0, deleted_at = NULL,
                revision = ?, raw_digest = ?
            WHERE id = ?
            """,
            [
                observation.name, observation.model, observation.voice, observation.greeting,
                observation.providerUpdatedAt, observation.contentHash, time, crawlID, revision, rawDigest, id,
            ]
        )
    }

    /// The row keeps the last sighting `assistants_last_seen` gave it while live, which no longer
    /// holds once it is deleted (migration 0008).
    public func markDeleted(id: Int, at time: String, revision: Int) throws {
        try connection.execute(
            """
            UPDATE assistants SET deleted_at = ?1, revision = ?2,
                last_seen_at = (SELECT s.last_seen_at FROM assistants_last_seen s WHERE s.assistant_id = ?3)
            WHERE id = ?3
            """,
            [time, revision, id]
        )
    }

    /// The snapshot in effect: that of the assistant's newest revision that is not a deletion (a
    /// deletion's revision repeats the snapshot before it). Read only when something changed.
    public func currentSnapshot(assistantID: Int) throws -> String? {
        try connection.scalarString(
            """
            SELECT snapshot FROM revisions WHERE assistant_id = ? AND change_kind <> 'deleted'
            ORDER BY revision DESC LIMIT 1
            """,
            [assistantID]
        )
    }

    /// Whether `snapshot` is byte for byte the snapshot of the assistant's revision `revision`
    /// (BINARY collation: https://www.sqlite.org/datatype3.html#collation). One index seek, and no
    /// prompt or snapshot travels back into Swift.
    public func snapshotIsCurrent(_ snapshot: String, assistantID: Int, revision: Int) throws -> Bool {
        try connection.scalarInt(
            "SELECT snapshot = ? FROM revisions WHERE assistant_id = ? AND revision = ?",
            [snapshot, assistantID, revision]
        ) == 1
    }

    // MARK: - History

    /// The newest revision's seq: the rowid's maximum, one step to the b-tree's end
    /// (https://www.sqlite.org/autoinc.html). Every write to an assistant row outside its account's
    /// crawl appends a revision, so a crawl learns from it whether anyone else wrote since it looked.
    public func newestRevisionSeq() throws -> Int? {
        try connection.scalarInt("SELECT max(seq) FROM revisions")
    }

    /// Appends one revision and its field changes, chained to the current head. Returns the new seq.
    /// The prompt is stored once, as a span of the snapshot, whenever that gives it back exactly
    /// (`PromptSpan`, migration 0007).
    @discardableResult
    public func appendRevision(_ given: NewRevision) throws -> Int {
        let revision = given.storingPromptOnce()
        let head = try chainHead.current(connection)
        let seq = (head?.seq ?? 0) + 1
        let previousHash = head?.hash ?? RevisionChain.genesisHash
        let (account, provider, remoteID) =
            try connection.firstRow(
                "SELECT ac.name, ac.provider, a.remote_id FROM assistants a JOIN accounts ac ON ac.id = a.account_id WHERE a.id = ?",
                [revision.assistantID]
            ) { ($0.string(0)!, $0.string(1)!, $0.string(2)!) }
            ?? { throw StoreError.unknownAssistant(revision.assistantID) }()
        let entry = RevisionChain.Entry(
            seq: seq,
            account: account,
            provider: provider,
            remoteID: remoteID,
            revision: revision
        )
        let rowHash = RevisionChain.rowHash(previousHash: previousHash, entry: entry)
        try connection.execute(
            """
            INSERT INTO revisions (seq, assistant_id, revision, change_kind, observed_at, previous_observed_at,
                provider_updated_at, content_hash, changed_by, actor_hint, name, prompt, snapshot, crawl_id,
                prev_hash, row_hash, prompt_offset, prompt_length)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                seq, revision.assistantID, revision.revision, revision.kind.rawValue, revision.observedAt,
                revision.previousObservedAt, revision.providerUpdatedAt, revision.contentHash, revision.changedBy,
                revision.actorHint, revision.name, revision.prompt, revision.snapshot, revision.crawlID,
                previousHash, rowHash,
                revision.promptSpan?.offset, revision.promptSpan?.length,
            ]
        )
        chainHead.appended(seq: seq, hash: rowHash)
        for change in revision.fields {
            try connection.execute(
                "INSERT INTO revision_fields (revision_seq, path, old_value, new_value, prompt_bearing) VALUES (?, ?, ?, ?, ?)",
                [seq, change.path, change.oldValue, change.newValue, change.promptBearing]
            )
        }
        return seq
    }

    // MARK: - Row mapping

    /// `last_seen_at` is the one definition of the last sighting (view `assistants_last_seen`, 0008).
    static let selectAssistant = """
        SELECT a.id, a.account_id, a.remote_id, a.name, a.provider_updated_at, a.content_hash, s.last_seen_at,
            a.last_seen_crawl, a.absent_crawls, a.deleted_at, a.revision, a.raw_digest
        FROM assistants a JOIN assistants_last_seen s ON s.assistant_id = a.id
        """

    static func storedAssistant(_ row: Row) -> StoredAssistant {
        StoredAssistant(
            id: row.int(0)!,
            accountID: row.int(1)!,
            remoteID: row.string(2)!,
            name: row.string(3),
            providerUpdatedAt: row.string(4),
            contentHash: row.string(5)!,
            lastSeenAt: row.string(6)!,
            lastSeenCrawl: row.int(7),
            absentCrawls: row.int(8)!,
            deletedAt: row.string(9),
            revision: row.int(10)!,
            rawDigest: row.int(11).map(Int64.init)
        )
    }
}

@available(*, unavailable)
extension StoreWriter: Sendable {}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case accountProviderChanged(account: String, stored: String, configured: String)
    case unknownAssistant(Int)

    public var description: String {
        switch self {
        case .accountProviderChanged(let account, let stored, let configured):
            "account '\(account)' was mirrored from provider \(stored) but is now configured as \(configured); "
                + "give the new account another name so the two histories stay apart"
        case .unknownAssistant(let id): "no assistant with local id \(id)"
        }
    }
}
