import MirrorCore

/// Sightings (migration 0008): an unchanged re-read writes no row of `assistants`. Each page adds one
/// `crawl_sightings` row naming the unchanged assistants it read; the deletion pass reads them back;
/// `assistants_last_seen` turns the account's complete crawls into the time each one was last seen.
/// Ids travel as one JSON array for `json_each` (https://www.sqlite.org/json1.html#jeach), so each
/// statement's text stays the same and no bound-parameter limit applies.
extension StoreWriter {
    /// The unchanged assistants one committed page read: one row, in the page's transaction.
    public func recordSightings(assistantIDs: [Int], page: Int, crawlID: Int) throws {
        guard !assistantIDs.isEmpty else { return }
        try connection.execute(
            "INSERT INTO crawl_sightings (crawl_id, page, assistant_ids) VALUES (?, ?, ?)",
            [crawlID, page, Self.jsonArray(assistantIDs)]
        )
    }

    /// A sighting written into the rows themselves, for what changes their state: an assistant counted
    /// absent that is back, or one a deletion pass found by GET-one. Rare, unlike an unchanged re-read.
    public func markSeen(assistantIDs: [Int], at time: String, crawlID: Int) throws {
        guard !assistantIDs.isEmpty else { return }
        try connection.execute(
            """
            UPDATE assistants SET last_seen_at = ?, last_seen_crawl = ?, absent_crawls = 0
            WHERE id IN (SELECT value FROM json_each(?))
            """,
            [time, crawlID, Self.jsonArray(assistantIDs)]
        )
    }

    /// Live assistants of the account that the crawl has neither written (an absence it counted
    /// included) nor sighted: the deletion candidates. `NOT IN` over the subquery builds its set once
    /// (https://www.sqlite.org/lang_expr.html#the_in_and_not_in_operators).
    public func unseenAssistants(accountID: Int, crawlID: Int) throws -> [StoredAssistant] {
        try connection.rows(
            Self.selectAssistant
                + """
                 WHERE a.account_id = ? AND a.deleted_at IS NULL
                    AND (a.last_seen_crawl IS NULL OR a.last_seen_crawl <> ?)
                    AND a.id NOT IN (
                        SELECT j.value FROM crawl_sightings s, json_each(s.assistant_ids) j WHERE s.crawl_id = ?)
                 ORDER BY a.id
                """,
            [accountID, crawlID, crawlID],
            Self.storedAssistant
        )
    }

    /// The account's live assistants counted absent (few: an absence is confirmed within two crawls).
    public func absentAssistants(accountID: Int) throws -> Set<Int> {
        Set(
            try connection.rows(
                "SELECT id FROM assistants WHERE account_id = ? AND deleted_at IS NULL AND absent_crawls <> 0",
                [accountID]
            ) { $0.int(0)! }
        )
    }

    /// An absence that is not yet confirmed: counted, not acted on. The row keeps the last sighting
    /// `assistants_last_seen` gave it until now, which no longer holds once it is absent, and names
    /// the crawl that counted it, so a deletion pass resumed after an interruption counts it once.
    public func markAbsent(assistantID: Int, crawlID: Int) throws -> Int {
        try connection.execute(
            """
            UPDATE assistants SET absent_crawls = absent_crawls + 1, last_seen_crawl = ?2,
                last_seen_at = (SELECT s.last_seen_at FROM assistants_last_seen s WHERE s.assistant_id = ?1)
            WHERE id = ?1
            """,
            [assistantID, crawlID]
        )
        return try connection.scalarInt("SELECT absent_crawls FROM assistants WHERE id = ?", [assistantID]) ?? 0
    }

    /// A crawl's sightings go when it can no longer be resumed: at its end, unless interrupted.
    func dropSightings(crawlID: Int) throws {
        try connection.execute("DELETE FROM crawl_sightings WHERE crawl_id = ?", [crawlID])
    }

    /// Before an account's new crawl: its earlier crawls will never be resumed.
    func dropSightings(accountID: Int) throws {
        try connection.execute(
            "DELETE FROM crawl_sightings WHERE crawl_id IN (SELECT id FROM crawls WHERE account_id = ?)",
            [accountID]
        )
    }

    static func jsonArray(_ ids: some Collection<Int>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
