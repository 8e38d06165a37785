import MirrorCore

/// The read queries behind the socket ops. Results are JSON objects whose keys are the view columns of
/// design.md, so a socket reply and a `sqlite3` query speak the same names.
extension MirrorReader {
    public struct ListFilter: Sendable {
        public var provider: String?
        public var account: String?
        /// Case-insensitive text to find in the name or the prompt (taken literally, no wildcards).
        public var text: String?
        public var includeDeleted = false
        public var limit = 100
        public var offset = 0

        public init() {}
    }

    public func list(_ filter: ListFilter) throws -> [JSONValue] {
        var conditions: [String] = []
        var values: [any SQLiteBindable] = []
        if !filter.includeDeleted { conditions.append("deleted_at IS NULL") }
        if let provider = filter.provider {
            conditions.append("provider = ?")
            values.append(provider)
        }
        if let account = filter.account {
            conditions.append("account = ?")
            values.append(account)
        }
        if let text = filter.text?.lowercased(), !text.isEmpty {
            conditions.append("(instr(lower(name), ?) > 0 OR instr(lower(prompt), ?) > 0)")
            values.append(contentsOf: [text, text])
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        values.append(contentsOf: [filter.limit, filter.offset])
        return try jsonRows(
            """
            SELECT assistant_id AS id, account, provider, remote_id, name, model, revision, provider_updated_at,
                first_seen_at, last_seen_at, deleted_at
            FROM assistants_current\(condition)
            ORDER BY account, name COLLATE NOCASE, remote_id LIMIT ? OFFSET ?
            """,
            values
        )
    }

    /// Resolves an `ID` of design.md: `account/remote-id`, a bare remote id when only one account has
    /// it, or the local numeric id.
    public func resolve(_ identifier: String) throws -> Int {
        if let slash = identifier.firstIndex(of: "/") {
            let account = String(identifier[..<slash])
            let remoteID = String(identifier[identifier.index(after: slash)...])
            if let id = try connection.scalarInt(
                "SELECT a.id FROM assistants a JOIN accounts ac ON ac.id = a.account_id WHERE ac.name = ? AND a.remote_id = ?",
                [account, remoteID]
            ) {
                return id
            }
            throw QueryError.notFound("no assistant \(remoteID) in account \(account)")
        }
        let matches = try connection.rows(
            "SELECT a.id, ac.name FROM assistants a JOIN accounts ac ON ac.id = a.account_id WHERE a.remote_id = ?",
            [identifier]
        ) { ($0.int(0)!, $0.string(1)!) }
        if matches.count == 1 { return matches[0].0 }
        if matches.count > 1 {
            let accounts = matches.map { "\($0.1)/\(identifier)" }.joined(separator: ", ")
            throw QueryError.ambiguous("\(identifier) is in several accounts; name one of: \(accounts)")
        }
        if let local = Int(identifier),
            try connection.scalarInt("SELECT id FROM assistants WHERE id = ?", [local]) != nil
        {
            return local
        }
        throw QueryError.notFound(
            "no assistant \(identifier); use account/remote-id, a remote id, or a local id from `list`"
        )
    }

    /// The current state of one assistant with its redacted snapshot.
    public func show(assistantID: Int) throws -> JSONValue {
        guard
            case .object(var row)? = try jsonRows(
                """
                SELECT c.assistant_id AS id, c.account, c.provider, c.remote_id, c.name, c.prompt, c.model, c.voice,
                    c.greeting, c.provider_updated_at, c.first_seen_at, c.last_seen_at, c.deleted_at, c.revision,
                    c.content_hash,
                    (SELECT r.snapshot FROM revisions r
                      WHERE r.assistant_id = c.assistant_id AND r.revision <= c.revision AND r.change_kind <> 'deleted'
                      ORDER BY r.revision DESC LIMIT 1) AS snapshot
                FROM assistants_current c WHERE c.assistant_id = ?
                """,
                [assistantID]
            ).first
        else { throw QueryError.notFound("no assistant with local id \(assistantID)") }
        row["snapshot"] = (row["snapshot"]?.stringValue).flatMap { try? JSONParser.parse($0) } ?? .null
        return .object(row)
    }

    /// Every revision of one assistant, oldest first, with the paths each one changed.
    public func history(assistantID: Int) throws -> [JSONValue] {
        try jsonRows(
            """
            SELECT seq, revision, change_kind, observed_at, previous_observed_at, provider_updated_at, content_hash,
                changed_by, actor_hint, name, \(Self.changedFieldsColumns)
            FROM assistant_revisions r WHERE assistant_id = ? ORDER BY revision
            """,
            [assistantID]
        ).map(Self.decodingChangedFields)
    }

    /// A page of the history: the newest `limit` revisions numbered below `before`, oldest first.
    /// The UNIQUE (assistant_id, revision) index serves it with one seek, whatever the history's length.
    public func history(assistantID: Int, before: Int, limit: Int) throws -> [JSONValue] {
        try jsonRows(
            """
            SELECT * FROM (
                SELECT seq, revision, change_kind, observed_at, previous_observed_at, provider_updated_at, content_hash,
                    changed_by, actor_hint, name, \(Self.changedFieldsColumns)
                FROM assistant_revisions r WHERE assistant_id = ? AND revision < ? ORDER BY revision DESC LIMIT ?
            ) ORDER BY revision
            """,
            [assistantID, before, limit]
        ).map(Self.decodingChangedFields)
    }

    /// One revision's prompt and snapshot (for diffs).
    public func revision(
        assistantID: Int,
        number: Int
    ) throws -> (prompt: String?, snapshot: String, changeKind: String) {
        guard
            let result = try connection.firstRow(
                "SELECT prompt, snapshot, change_kind FROM revisions WHERE assistant_id = ? AND revision = ?",
                [assistantID, number],
                { ($0.string(0), $0.string(1) ?? "null", $0.string(2) ?? "") }
            )
        else { throw QueryError.notFound("assistant \(assistantID) has no revision \(number)") }
        return result
    }

    public func latestRevisionNumber(assistantID: Int) throws -> Int {
        try connection.scalarInt("SELECT max(revision) FROM revisions WHERE assistant_id = ?", [assistantID]) ?? 0
    }

    /// The change feed: revisions across all assistants after `afterSeq` (a cursor a client keeps) and
    /// at or after `since`, oldest first.
    public func changes(
        afterSeq: Int = 0,
        since: String? = nil,
        account: String? = nil,
        limit: Int = 100
    ) throws -> [JSONValue] {
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
        return try jsonRows(
            """
            SELECT seq, account, provider, remote_id, name, revision, change_kind, observed_at, previous_observed_at,
                provider_updated_at, changed_by, actor_hint, \(Self.changedFieldsColumns)
            FROM assistant_revisions r WHERE \(condition) ORDER BY seq LIMIT ?
            """,
            values
        ).map(Self.decodingChangedFields)
    }

    /// Rows of the `prompt_changes` view in a period, oldest first.
    public func promptChanges(since: String?, until: String?, account: String?) throws -> [JSONValue] {
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
        let rows = try jsonRows(
            """
            SELECT account, provider, remote_id, name, revision, change_kind, observed_at, previous_observed_at,
                provider_updated_at, changed_by, actor_hint, old_prompt, new_prompt, prompt_fields, seq
            FROM prompt_changes\(condition) ORDER BY seq
            """,
            values
        )
        return try rows.map { row in
            guard case .object(var members) = row, let seq = members["seq"]?.intValue else { return row }
            members["prompt_field_changes"] = .array(
                try jsonRows(
                    "SELECT path, old_value, new_value FROM revision_fields WHERE revision_seq = ? AND prompt_bearing = 1 ORDER BY path",
                    [seq]
                )
            )
            return .object(members)
        }
    }

    /// Per account: assistants, the last crawl, and the last successful one.
    public func accountStatus() throws -> [JSONValue] {
        try jsonRows(
            """
            SELECT ac.name AS account, ac.provider,
                (SELECT count(*) FROM assistants a WHERE a.account_id = ac.id AND a.deleted_at IS NULL) AS assistants,
                (SELECT count(*) FROM assistants a WHERE a.account_id = ac.id AND a.deleted_at IS NOT NULL) AS deleted_assistants,
                c.id AS last_crawl, c.started_at AS last_crawl_started_at, c.finished_at AS last_crawl_finished_at,
                c.status AS last_crawl_status, c.pages AS last_crawl_pages, c.seen AS last_crawl_seen,
                c.created + c.updated + c.deleted + c.restored AS last_crawl_changes, c.error AS last_crawl_error,
                (SELECT max(finished_at) FROM crawls s WHERE s.account_id = ac.id AND s.status = 'ok') AS last_success_at
            FROM accounts ac
            LEFT JOIN crawls c ON c.id = (SELECT max(id) FROM crawls WHERE account_id = ac.id)
            ORDER BY ac.name
            """
        )
    }

    /// The newest revision's seq and hash: the value to anchor outside the database.
    public func chainHead() throws -> ChainVerification.Head? {
        try connection.currentChainHead()
    }

    public func revisionCount() throws -> Int {
        try connection.scalarInt("SELECT count(*) FROM revisions") ?? 0
    }

    // MARK: - Helpers

    /// Each revision's changed paths (a JSON array, by SQLite's JSON1 functions) and whether any of them
    /// bears a prompt, computed in the same statement rather than one query per row.
    static let changedFieldsColumns = """
        (SELECT json_group_array(path) FROM (SELECT path FROM revision_fields f WHERE f.revision_seq = r.seq ORDER BY path))
            AS changed_fields,
        EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1) AS prompt_changed
        """

    static func decodingChangedFields(_ row: JSONValue) -> JSONValue {
        guard case .object(var members) = row else { return row }
        members["changed_fields"] =
            (members["changed_fields"]?.stringValue).flatMap { try? JSONParser.parse($0) } ?? .array([])
        members["prompt_changed"] = .bool(members["prompt_changed"]?.intValue == 1)
        return .object(members)
    }

    /// Runs a query and turns each row into an object keyed by column name.
    public func jsonRows(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> [JSONValue] {
        try connection.rows(sql, values) { row in
            var object: [String: JSONValue] = [:]
            for index in 0..<row.columnCount {
                object[row.columnName(index)] = Self.json(row.value(index))
            }
            return .object(object)
        }
    }

    static func json(_ value: SQLiteValue) -> JSONValue {
        switch value {
        case .null: .null
        case .integer(let number): .number(String(number))
        case .real(let number): .number(String(number))
        case .text(let text): .string(text)
        case .blob(let bytes): .string(bytes.hexString)
        }
    }
}
