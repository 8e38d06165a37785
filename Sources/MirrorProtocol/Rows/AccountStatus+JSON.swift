import MirrorCore

// The socket form of what the database knows of an account (`status`): flat, every column present.

extension AccountStatus: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["account"] = .string(account)
        object["provider"] = .string(provider)
        object["assistants"] = JSONValue(assistants)
        object["deleted_assistants"] = JSONValue(deletedAssistants)
        object["last_crawl"] = JSONValue(lastCrawl)
        object["last_crawl_started_at"] = JSONValue(lastCrawlStartedAt)
        object["last_crawl_finished_at"] = JSONValue(lastCrawlFinishedAt)
        object["last_crawl_status"] = JSONValue(lastCrawlStatus)
        object["last_crawl_pages"] = JSONValue(lastCrawlPages)
        object["last_crawl_seen"] = JSONValue(lastCrawlSeen)
        object["last_crawl_changes"] = JSONValue(lastCrawlChanges)
        object["last_crawl_error"] = JSONValue(lastCrawlError)
        object["last_success_at"] = JSONValue(lastSuccessAt)
        object["audit_log_status"] = JSONValue(auditLogStatus)
        object["audit_log_last_attempt_at"] = JSONValue(auditLogAttemptAt)
        object["audit_log_error"] = JSONValue(auditLogError)
        object["audit_log_read_until"] = JSONValue(auditLogReadUntil)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            account: try object.string("account"),
            provider: try object.string("provider"),
            assistants: try object.int("assistants"),
            deletedAssistants: try object.int("deleted_assistants"),
            lastCrawl: try object.optionalInt("last_crawl"),
            lastCrawlStartedAt: try object.optionalString("last_crawl_started_at"),
            lastCrawlFinishedAt: try object.optionalString("last_crawl_finished_at"),
            lastCrawlStatus: try object.optionalString("last_crawl_status"),
            lastCrawlPages: try object.optionalInt("last_crawl_pages"),
            lastCrawlSeen: try object.optionalInt("last_crawl_seen"),
            lastCrawlChanges: try object.optionalInt("last_crawl_changes"),
            lastCrawlError: try object.optionalString("last_crawl_error"),
            lastSuccessAt: try object.optionalString("last_success_at"),
            auditLogStatus: try object.optionalString("audit_log_status"),
            auditLogAttemptAt: try object.optionalString("audit_log_last_attempt_at"),
            auditLogError: try object.optionalString("audit_log_error"),
            auditLogReadUntil: try object.optionalString("audit_log_read_until")
        )
    }
}
