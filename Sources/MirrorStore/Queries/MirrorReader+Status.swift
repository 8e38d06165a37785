import MirrorCore

/// The read queries behind `status`, and ad-hoc rows for tests and benchmarks.
extension MirrorReader {
    /// Every account the database knows, with its provider: one row each, no counting.
    public func accountNames() throws -> [(account: String, provider: String)] {
        try connection.rows("SELECT name, provider FROM accounts ORDER BY name") { row in
            var columns = ColumnCursor(row)
            return (columns.string(), columns.string())
        }
    }

    /// Per account: assistants, the last crawl, and the last successful one.
    public func accountStatus() throws -> [AccountStatus] {
        try connection.rows(
            """
            SELECT ac.name AS account, ac.provider,
                (SELECT count(*) FROM assistants a WHERE a.account_id = ac.id AND a.deleted_at IS NULL) AS assistants,
                (SELECT count(*) FROM assistants a WHERE a.account_id = ac.id AND a.deleted_at IS NOT NULL) AS deleted_assistants,
                c.id AS last_crawl, c.started_at AS last_crawl_started_at, c.finished_at AS last_crawl_finished_at,
                c.status AS last_crawl_status, c.pages AS last_crawl_pages, c.seen AS last_crawl_seen,
                c.created + c.updated + c.deleted + c.restored AS last_crawl_changes, c.error AS last_crawl_error,
                (SELECT max(finished_at) FROM crawls s WHERE s.account_id = ac.id AND s.status = 'ok') AS last_success_at,
                au.last_status, au.last_attempt_at, au.last_error, au.read_until
            FROM accounts ac
            LEFT JOIN crawls c ON c.id = (SELECT max(id) FROM crawls WHERE account_id = ac.id)
            LEFT JOIN audit_log_reads au ON au.account_id = ac.id
            ORDER BY ac.name
            """
        ) { row in
            var columns = ColumnCursor(row)
            return AccountStatus(
                account: columns.string(),
                provider: columns.string(),
                assistants: columns.int(),
                deletedAssistants: columns.int(),
                lastCrawl: columns.optionalInt(),
                lastCrawlStartedAt: columns.optionalString(),
                lastCrawlFinishedAt: columns.optionalString(),
                lastCrawlStatus: columns.optionalString(),
                lastCrawlPages: columns.optionalInt(),
                lastCrawlSeen: columns.optionalInt(),
                lastCrawlChanges: columns.optionalInt(),
                lastCrawlError: columns.optionalString(),
                lastSuccessAt: columns.optionalString(),
                auditLogStatus: columns.optionalString(),
                auditLogAttemptAt: columns.optionalString(),
                auditLogError: columns.optionalString(),
                auditLogReadUntil: columns.optionalString()
            )
        }
    }

    /// The newest revision's seq and hash: the value to anchor outside the database.
    public func chainHead() throws -> ChainVerification.Head? {
        try connection.currentChainHead(in: connection.existingChainTables())
    }

    public func revisionCount() throws -> Int {
        try connection.scalarInt("SELECT count(*) FROM revisions") ?? 0
    }

    /// Runs an ad-hoc read-only query and turns each row into an object keyed by column name (tests and
    /// benchmarks inspect the database with it; the socket's replies use the typed queries).
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
