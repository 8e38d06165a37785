import MirrorCore

/// The prompt changes `notify-exec` runs for, read from the `prompt_changes` view so that every
/// column it has (and any a later migration adds) reaches the program.
extension MirrorReader {
    /// Up to `limit` rows of `prompt_changes` after `seq`, in seq order. `afterBaseline` is false for a
    /// change that belongs to its account's baseline: recorded before or by the account's first
    /// complete crawl (a change recorded outside a crawl counts once that crawl exists).
    public func promptChanges(
        after seq: Int,
        limit: Int
    ) throws -> [(seq: Int, account: String, afterBaseline: Bool, row: [String: JSONValue])] {
        try connection.rows(
            """
            SELECT p.*, EXISTS (
                SELECT 1 FROM crawls c WHERE c.account_id = a.account_id AND c.complete = 1
                  AND (r.crawl_id IS NULL OR c.id < r.crawl_id)) AS notify_after_baseline
            FROM prompt_changes p
            JOIN revisions r ON r.seq = p.seq
            JOIN assistants a ON a.id = r.assistant_id
            WHERE p.seq > ?
            ORDER BY p.seq
            LIMIT ?
            """,
            [seq, limit]
        ) { row in
            var object: [String: JSONValue] = [:]
            for index in 0..<row.columnCount {
                object[row.columnName(index)] = Self.json(row.value(index))
            }
            let afterBaseline = object.removeValue(forKey: "notify_after_baseline") == .number("1")
            guard case .number(let seqText) = object["seq"], let seq = Int(seqText),
                case .string(let account) = object["account"]
            else { throw QueryError.invalid("prompt_changes row without seq or account") }
            return (seq, account, afterBaseline, object)
        }
    }
}
