import MirrorCore

/// The read queries about assistants: find one, list them, show one. Column names are the view
/// columns of design.md, so a reply and a `sqlite3` query speak the same names.
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

    public func list(_ filter: ListFilter) throws -> [AssistantSummary] {
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
        return try connection.rows(
            """
            SELECT \(Self.summaryColumns)
            FROM assistants_current c\(condition)
            ORDER BY account, name COLLATE NOCASE, remote_id LIMIT ? OFFSET ?
            """,
            values
        ) { row in
            var columns = ColumnCursor(row)
            return Self.summary(&columns)
        }
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
    public func show(assistantID: Int) throws -> AssistantDetail {
        let detail = try connection.firstRow(
            """
            SELECT \(Self.summaryColumns), c.prompt, c.voice, c.greeting, c.content_hash,
                (SELECT r.snapshot FROM revisions r
                  WHERE r.assistant_id = c.assistant_id AND r.revision <= c.revision AND r.change_kind <> 'deleted'
                  ORDER BY r.revision DESC LIMIT 1) AS snapshot
            FROM assistants_current c WHERE c.assistant_id = ?
            """,
            [assistantID]
        ) { row in
            var columns = ColumnCursor(row)
            let summary = Self.summary(&columns)
            return AssistantDetail(
                summary: summary,
                prompt: columns.optionalString(),
                voice: columns.optionalString(),
                greeting: columns.optionalString(),
                contentHash: columns.string(),
                snapshot: columns.optionalString().flatMap { try? JSONParser.parse($0) } ?? .null,
                currentRevision: try connection.firstRow(
                    "SELECT \(Self.factsColumns) FROM assistant_revisions r WHERE assistant_id = ? AND revision = ?",
                    [assistantID, summary.header.revision]
                ) { row in
                    var columns = ColumnCursor(row)
                    return Self.facts(&columns)
                }
            )
        }
        guard let detail else { throw QueryError.notFound("no assistant with local id \(assistantID)") }
        return detail
    }

    /// The columns `summary(_:)` reads, from `assistants_current c`.
    static let summaryColumns = """
        c.assistant_id, c.account, c.provider, c.remote_id, c.name, c.revision, c.deleted_at, c.model,
            c.provider_updated_at, c.first_seen_at, c.last_seen_at
        """

    static func summary(_ columns: inout ColumnCursor) -> AssistantSummary {
        AssistantSummary(
            header: AssistantHeader(
                id: columns.int(),
                key: AssistantKey(account: columns.string(), provider: columns.string(), remoteID: columns.string()),
                name: columns.optionalString(),
                revision: columns.int(),
                deletedAt: columns.optionalString()
            ),
            model: columns.optionalString(),
            providerUpdatedAt: columns.optionalString(),
            firstSeenAt: columns.string(),
            lastSeenAt: columns.string()
        )
    }
}
