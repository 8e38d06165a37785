import MirrorCore

/// The read queries about revisions: one assistant's history, one revision's content, the change feed
/// across all assistants, and the prompt report.
extension MirrorReader {
    /// Runs `body` in one read transaction, so the several queries of one reply (a history's header,
    /// summary and page) see one snapshot even while a crawl commits (https://www.sqlite.org/isolation.html).
    public func inOneSnapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.readTransaction(body)
    }

    /// The few facts that head a history (`assistants_current` without the prompt, whose subquery is
    /// then never run): cheaper than `show`, which also reads and parses the snapshot.
    public func assistantHeader(assistantID: Int) throws -> AssistantHeader {
        let header = try connection.firstRow(
            "SELECT \(Self.summaryColumns) FROM assistants_current c WHERE c.assistant_id = ?",
            [assistantID]
        ) { row in
            var columns = ColumnCursor(row)
            return Self.summary(&columns).header
        }
        guard let header else { throw QueryError.notFound("no assistant with local id \(assistantID)") }
        return header
    }

    /// The whole history in a few numbers, without reading a revision row: the count and the span of
    /// numbers come from the UNIQUE (assistant_id, revision) index alone, the two observation times
    /// from one seek at each end (a newer revision is never observed earlier), and the prompt changes
    /// from the same test `prompt_changed` makes, so the two always agree.
    public func historySummary(assistantID: Int) throws -> HistorySummary {
        // An aggregate without GROUP BY always yields one row (https://www.sqlite.org/lang_select.html).
        let summary = try connection.firstRow(
            """
            SELECT count(*), min(revision), max(revision),
                (SELECT observed_at FROM revisions WHERE assistant_id = ?1 ORDER BY revision LIMIT 1),
                (SELECT observed_at FROM revisions WHERE assistant_id = ?1 ORDER BY revision DESC LIMIT 1),
                (SELECT count(*) FROM revisions r WHERE r.assistant_id = ?1
                    AND EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1))
            FROM revisions WHERE assistant_id = ?1
            """,
            [assistantID]
        ) { row in
            var columns = ColumnCursor(row)
            return HistorySummary(
                revisions: columns.int(),
                oldestRevision: columns.optionalInt(),
                newestRevision: columns.optionalInt(),
                firstObservedAt: columns.optionalString(),
                lastObservedAt: columns.optionalString(),
                promptChanges: columns.int()
            )
        }
        guard let summary else { throw QueryError.notFound("no history for assistant \(assistantID)") }
        return summary
    }

    /// A page of the history: the newest `limit` revisions numbered below `before`, oldest first.
    /// The UNIQUE (assistant_id, revision) index serves it with one seek, whatever the history's length.
    public func history(assistantID: Int, before: Int, limit: Int) throws -> [RevisionEntry] {
        try connection.rows(
            """
            SELECT * FROM (
                SELECT \(Self.factsColumns), content_hash, \(Self.changedFieldsColumns)
                FROM assistant_revisions r WHERE assistant_id = ? AND revision < ? ORDER BY revision DESC LIMIT ?
            ) ORDER BY revision
            """,
            [assistantID, before, limit]
        ) { row in
            var columns = ColumnCursor(row)
            return RevisionEntry(
                facts: Self.facts(&columns),
                contentHash: columns.string(),
                changed: Self.changedFields(&columns)
            )
        }
    }

    /// One revision's prompt and snapshot (for diffs and `revert`); the prompt read where it is stored
    /// (`revision_contents`, migration 0007).
    public func revision(
        assistantID: Int,
        number: Int
    ) throws -> (prompt: String?, snapshot: String, changeKind: String) {
        guard
            let result = try connection.firstRow(
                "SELECT prompt, snapshot, change_kind FROM revision_contents WHERE assistant_id = ? AND revision = ?",
                [assistantID, number],
                { ($0.string(0), $0.string(1) ?? "null", $0.string(2) ?? "") }
            )
        else { throw QueryError.notFound("assistant \(assistantID) has no revision \(number)") }
        return result
    }

    /// The path patterns (`actions[*].instructions`) that the revisions after `from` up to `to` recorded
    /// as prompt-bearing: the notion `history`, reports and `prompt_changes` use, decided at crawl time
    /// by the account's provider description (built-in or from the configuration). Every field that
    /// differs between the two revisions changed in one of them, and retention never prunes a revision
    /// that changed a prompt-bearing field, so the set is complete for a diff of the two.
    public func promptBearingPatterns(assistantID: Int, after from: Int, through to: Int) throws -> Set<String> {
        Set(
            try connection.rows(
                """
                SELECT DISTINCT f.path FROM revision_fields f JOIN revisions r ON r.seq = f.revision_seq
                WHERE r.assistant_id = ? AND r.revision > ? AND r.revision <= ? AND f.prompt_bearing = 1
                """,
                [assistantID, min(from, to), max(from, to)]
            ) { JSONPath.pattern(of: $0.string(0) ?? "") }
        )
    }

    public func latestRevisionNumber(assistantID: Int) throws -> Int {
        try connection.scalarInt("SELECT max(revision) FROM revisions WHERE assistant_id = ?", [assistantID]) ?? 0
    }

    /// The change feed: revisions across all assistants after `afterSeq` (a cursor a client keeps) and
    /// at or after `since`, oldest first. The page and its changed fields are read in one snapshot, so
    /// a retention run committing between the two statements cannot take fields from a listed revision.
    public func changes(
        afterSeq: Int = 0,
        since: String? = nil,
        account: String? = nil,
        limit: Int = 100
    ) throws -> [ChangeEntry] {
        var values: [any SQLiteBindable] = [afterSeq]
        var condition = "seq > ?"
        if let since {
            condition += " AND observed_at >= ?"
            values.append(since)
        }
        if let account {
            condition += " AND account = ?"
            values.append(account)
        }
        values.append(limit)
        return try connection.readTransaction {
            let page = try connection.rows(
                """
                SELECT account, provider, remote_id, assistant_id, \(Self.factsColumns)
                FROM assistant_revisions r WHERE \(condition) ORDER BY seq LIMIT ?
                """,
                values
            ) { row in
                var columns = ColumnCursor(row)
                return (assistant: Self.key(&columns), assistantID: columns.int(), facts: Self.facts(&columns))
            }
            let changed = try changedFields(ofAscendingSeqs: page.map(\.facts.seq))
            return zip(page, changed).map { row, changed in
                ChangeEntry(assistant: row.assistant, assistantID: row.assistantID, facts: row.facts, changed: changed)
            }
        }
    }

    /// The changed fields of the revisions `seqs` (ascending), from two scans of the span between the
    /// first and the last, each answered from an index alone: the paths from the UNIQUE (revision_seq,
    /// path) index, in path order, and the prompt-bearing ones from the partial index of migration 0009.
    /// `changedFieldsColumns` asks the same per row, which for a page of 100 cost SQLite a co-routine and
    /// a JSON array per row and Swift a JSON parse per row: 60% of the page's statement time. The span
    /// holds other revisions only where a filter (account, since) skipped them, and the page's statement
    /// has walked past each of those already, so this costs at most a constant factor of it.
    private func changedFields(ofAscendingSeqs seqs: [Int]) throws -> [ChangedFields] {
        var paths = [[String]](repeating: [], count: seqs.count)
        var promptChanged = [Bool](repeating: false, count: seqs.count)
        try forEachField(
            "SELECT revision_seq, path FROM revision_fields WHERE revision_seq BETWEEN ? AND ? ORDER BY revision_seq, path",
            of: seqs
        ) { position, row in paths[position].append(row.string(1) ?? "") }
        try forEachField(
            "SELECT revision_seq FROM revision_fields WHERE revision_seq BETWEEN ? AND ? AND prompt_bearing = 1 ORDER BY revision_seq",
            of: seqs
        ) { position, _ in promptChanged[position] = true }
        return zip(paths, promptChanged).map { ChangedFields(paths: $0, promptChanged: $1) }
    }

    /// Runs `sql` (rows of `revision_seq` first, ascending, between two bound seqs) over the span of
    /// `seqs` and calls `body` with the position in `seqs` of each row's revision; rows of revisions
    /// not in `seqs` are skipped. Both lists ascend, so one walk matches them. The statement always
    /// runs to its end, so no read is left pending in the transaction.
    private func forEachField(_ sql: String, of seqs: [Int], _ body: (Int, Row) -> Void) throws {
        guard let first = seqs.first, let last = seqs.last else { return }
        let statement = try connection.cachedStatement(sql)
        try statement.bind([first, last])
        let row = Row(statement: statement)
        var position = 0
        while try statement.step() {
            let seq = row.int(0) ?? 0
            while position < seqs.count, seqs[position] < seq { position += 1 }
            if position < seqs.count, seqs[position] == seq { body(position, row) }
        }
    }

    /// Rows of the `prompt_changes` view in a period, oldest first.
    public func promptChanges(since: String?, until: String?, account: String?) throws -> [PromptChange] {
        var conditions: [String] = []
        var values: [any SQLiteBindable] = []
        if let since {
            conditions.append("observed_at >= ?")
            values.append(since)
        }
        if let until {
            conditions.append("observed_at < ?")
            values.append(until)
        }
        if let account {
            conditions.append("account = ?")
            values.append(account)
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try connection.rows(
            """
            SELECT account, provider, remote_id, \(Self.factsColumns), old_prompt, new_prompt, prompt_fields
            FROM prompt_changes r\(condition) ORDER BY seq
            """,
            values
        ) { row in
            var columns = ColumnCursor(row)
            return (
                key: Self.key(&columns), facts: Self.facts(&columns), old: columns.optionalString(),
                new: columns.optionalString(), fields: columns.optionalString()
            )
        }
        return try rows.map { row in
            PromptChange(
                assistant: row.key,
                facts: row.facts,
                oldPrompt: row.old,
                newPrompt: row.new,
                promptFields: row.fields,
                promptFieldChanges: try connection.rows(
                    "SELECT path, old_value, new_value FROM revision_fields WHERE revision_seq = ? AND prompt_bearing = 1 ORDER BY path",
                    [row.facts.seq]
                ) { ValueChange(path: $0.string(0) ?? "", oldValue: $0.string(1), newValue: $0.string(2)) }
            )
        }
    }

    /// The prompt changes of a period and the chain's verification, read in one transaction, so the
    /// chain head printed with a report is the head of the very snapshot its rows were read from
    /// (https://www.sqlite.org/isolation.html).
    public func promptReport(
        since: String?,
        until: String?,
        account: String?,
        anchoredHead: ChainVerification.Head?
    ) throws -> (changes: [PromptChange], verification: ChainVerification) {
        try connection.readTransaction {
            (
                try promptChanges(since: since, until: until, account: account),
                try ChainVerifier(connection: connection).verify(anchoredHead: anchoredHead)
            )
        }
    }

    // MARK: - Columns shared by the revision views

    /// The columns `facts(_:)` reads, from a revision view aliased `r`. The editor is ambiguous only
    /// when it came from the audit log and the newest attribution says so; the CASE looks that
    /// attribution up for those revisions alone (an AND would run the lookup for every revision without
    /// a source too, since NULL AND x depends on x: https://www.sqlite.org/lang_expr.html), which was a
    /// sixth of a `changes` page's statement.
    static let factsColumns = """
        r.seq, r.revision, r.change_kind, r.observed_at, r.previous_observed_at, r.provider_updated_at,
            r.changed_by, r.actor_hint, r.name, r.changed_by_source, r.change_reason,
            CASE WHEN r.changed_by_source = 'provider-audit-log' THEN COALESCE((SELECT x.ambiguous FROM attributions x
                WHERE x.revision_seq = r.seq ORDER BY x.seq DESC LIMIT 1), 0) ELSE 0 END AS editor_ambiguous
        """

    /// Each revision's changed paths (a JSON array, by SQLite's JSON1 functions) and whether any of them
    /// bears a prompt, computed in the same statement rather than one query per row.
    static let changedFieldsColumns = """
        (SELECT json_group_array(path) FROM (SELECT path FROM revision_fields f WHERE f.revision_seq = r.seq ORDER BY path))
            AS changed_fields,
        EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1) AS prompt_changed
        """

    static func key(_ columns: inout ColumnCursor) -> AssistantKey {
        AssistantKey(account: columns.string(), provider: columns.string(), remoteID: columns.string())
    }

    static func facts(_ columns: inout ColumnCursor) -> RevisionFacts {
        RevisionFacts(
            seq: columns.int(),
            revision: columns.int(),
            changeKind: columns.string(),
            observedAt: columns.string(),
            previousObservedAt: columns.optionalString(),
            providerUpdatedAt: columns.optionalString(),
            changedBy: columns.optionalString(),
            actorHint: columns.optionalString(),
            name: columns.optionalString(),
            changedBySource: columns.optionalString(),
            changeReason: columns.optionalString(),
            editorAmbiguous: columns.bool()
        )
    }

    static func changedFields(_ columns: inout ColumnCursor) -> ChangedFields {
        let paths = columns.optionalString().flatMap { try? JSONParser.parse($0) }?.arrayValue ?? []
        return ChangedFields(paths: paths.compactMap(\.stringValue), promptChanged: columns.bool())
    }
}
