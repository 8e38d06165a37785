import Foundation
import MirrorCore

/// The read queries behind the `metrics` op (the rest comes from `accountStatus` and `chainHead`).
extension MirrorReader {
    /// Per account: revisions and prompt changes ever recorded. Prompt changes are counted on
    /// the tables with the `prompt_changes` view's condition, without the view's per-row old prompt.
    public func historyCounts() throws -> [AccountHistoryCounts] {
        try connection.rows(
            """
            SELECT ac.name,
                (SELECT coalesce(sum(a.revision), 0) FROM assistants a WHERE a.account_id = ac.id),
                (SELECT count(*) FROM revisions r JOIN assistants a ON a.id = r.assistant_id
                  WHERE a.account_id = ac.id AND (r.change_kind <> 'updated'
                    OR EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1)))
            FROM accounts ac
            ORDER BY ac.name
            """
        ) { row in
            var columns = ColumnCursor(row)
            return AccountHistoryCounts(
                account: columns.string(),
                revisionsRecorded: columns.int(),
                promptChangesRecorded: columns.int()
            )
        }
    }

    /// The sizes in bytes of the database file and its WAL (0 when absent, as after a clean close).
    public func fileSizes() -> (database: Int, wal: Int) {
        func size(_ path: String) -> Int {
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        return (size(path), size(path + "-wal"))
    }
}
