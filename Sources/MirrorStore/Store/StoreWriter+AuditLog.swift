import MirrorCore

/// The audit log's side of the store (migration 0005): events stored once and never changed, where
/// each account's reading stands, and the attributions that name a revision's editor from the events.
extension StoreWriter {
    /// Where the next read starts before its overlap: the end of the last successful read, else the
    /// start of the account's first crawl (events from before the mirror knew the account attribute
    /// nothing it observed as a change). Nil when the account has never been crawled.
    public func auditLogReadStart(accountID: Int) throws -> String? {
        try connection.scalarString(
            """
            SELECT COALESCE((SELECT read_until FROM audit_log_reads WHERE account_id = ?1),
                            (SELECT min(started_at) FROM crawls WHERE account_id = ?1))
            """,
            [accountID]
        )
    }

    /// Stores the events not stored before (the overlap re-reads some) and returns how many were new.
    /// `records` are the events' redacted canonical texts, in the same order.
    public func storeAuditEvents(
        _ events: [AuditEvent],
        records: [String],
        accountID: Int,
        receivedAt: String
    ) throws -> Int {
        var stored = 0
        for (event, record) in zip(events, records) {
            // ON CONFLICT DO NOTHING (https://www.sqlite.org/lang_upsert.html): an event already stored
            // stays exactly as first received; no UPDATE is attempted, so the append-only trigger is not hit.
            try connection.execute(
                """
                INSERT INTO audit_events (account_id, event_id, resource_id, user_id, change_made_by, change_type,
                    created_at, received_at, event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, event_id) DO NOTHING
                """,
                [
                    accountID, event.eventID, event.resourceID, event.userID, event.changeMadeBy, event.changeType,
                    event.createdAt, receivedAt, record,
                ]
            )
            stored += connection.changes
        }
        return stored
    }

    /// The error of the account's last audit log read, when it failed.
    public func lastAuditLogError(accountID: Int) throws -> String? {
        try connection.scalarString(
            "SELECT last_error FROM audit_log_reads WHERE account_id = ? AND last_status = 'failed'",
            [accountID]
        )
    }

    /// The outcome of one read, for `status`; a failed read keeps `read_until`, so the next one
    /// covers what this one missed.
    public func recordAuditLogRead(
        accountID: Int,
        readUntil: String?,
        at time: String,
        error: String?,
        eventsStored: Int
    ) throws {
        try connection.execute(
            """
            INSERT INTO audit_log_reads (account_id, read_until, last_attempt_at, last_status, last_error, events_stored)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (account_id) DO UPDATE SET read_until = COALESCE(?2, read_until), last_attempt_at = ?3,
                last_status = ?4, last_error = ?5, events_stored = ?6
            """,
            [accountID, readUntil, time, error == nil ? "ok" : "failed", error, eventsStored]
        )
    }

    /// Re-attributes every revision of the account observed after `since` (every revision a newly read
    /// event can fall in, and every one recorded since the last read) from the stored events, and
    /// appends an attribution only where the result differs from the revision's newest one. A revision
    /// written through the mirror already names its editor exactly and is left alone. Returns the
    /// number of attributions appended.
    @discardableResult
    public func attributeRevisions(accountID: Int, observedAfter since: String, now: String) throws -> Int {
        let candidates = try connection.rows(
            """
            SELECT r.seq, a.remote_id, r.observed_at, r.previous_observed_at, x.changed_by, x.ambiguous, x.event_ids
            FROM revisions r JOIN assistants a ON a.id = r.assistant_id
            LEFT JOIN attributions x ON x.seq = (SELECT max(seq) FROM attributions WHERE revision_seq = r.seq)
            WHERE r.observed_at > ? AND a.account_id = ? AND r.changed_by IS NULL
            ORDER BY r.seq
            """,
            [since, accountID]
        ) { row in
            var columns = ColumnCursor(row)
            let seq = columns.int()
            let remoteID = columns.string()
            let observedAt = columns.string()
            let previousObservedAt = columns.optionalString()
            let newest = columns.optionalString().map { changedBy in
                Attribution(changedBy: changedBy, ambiguous: columns.bool(), eventIDs: columns.string())
            }
            return (seq, remoteID, observedAt, previousObservedAt, newest)
        }
        var appended = 0
        for revision in candidates {
            // The window is (previous_observed_at, observed_at]; a first sighting has no lower bound.
            let events = try connection.rows(
                """
                SELECT event_id, user_id, change_made_by FROM audit_events
                WHERE account_id = ? AND resource_id = ? AND created_at <= ? AND created_at > COALESCE(?, '')
                ORDER BY created_at, event_id
                """,
                [accountID, revision.1, revision.2, revision.3]
            ) { row in
                (id: row.string(0)!, editor: AuditEvent.editor(userID: row.string(1), changeMadeBy: row.string(2)))
            }
            guard !events.isEmpty else { continue }
            var editors: [String] = []
            for event in events where !editors.contains(event.editor) { editors.append(event.editor) }
            let attribution = Attribution(
                changedBy: editors.joined(separator: ", "),
                ambiguous: editors.count > 1,
                eventIDs: events.map(\.id).joined(separator: ",")
            )
            guard attribution != revision.4 else { continue }
            try append(attribution, revisionSeq: revision.0, now: now)
            appended += 1
        }
        return appended
    }

    /// What an attribution says; two are the same result when all three agree.
    private struct Attribution: Equatable {
        let changedBy: String
        let ambiguous: Bool
        let eventIDs: String
    }

    private func append(_ attribution: Attribution, revisionSeq: Int, now: String) throws {
        let head = try chainHead.current(connection)
        let previousHash = head?.hash ?? RevisionChain.genesisHash
        let entry = AttributionEntry(
            seq: (head?.seq ?? 0) + 1,
            revisionSeq: revisionSeq,
            source: RevisionFacts.auditLogSource,
            changedBy: attribution.changedBy,
            ambiguous: attribution.ambiguous,
            eventIDs: attribution.eventIDs,
            attributedAt: now
        )
        let rowHash = entry.rowHash(previousHash: previousHash)
        try connection.execute(
            """
            INSERT INTO attributions (seq, revision_seq, source, changed_by, ambiguous, event_ids, attributed_at,
                prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                entry.seq, revisionSeq, entry.source, entry.changedBy, entry.ambiguous, entry.eventIDs, now,
                previousHash, rowHash,
            ]
        )
        chainHead.appended(seq: entry.seq, hash: rowHash)
    }
}
