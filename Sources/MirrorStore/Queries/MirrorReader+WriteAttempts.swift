import MirrorCore

extension MirrorReader {
    /// Every attempt to write one assistant's prompt through the mirror, oldest first (`write_attempts`).
    public func writeAttempts(assistantID: Int) throws -> [WriteAttempt] {
        try connection.rows(
            """
            SELECT w.seq, \(WriteAttemptFacts.columns), w.revision
            FROM write_attempts w
            JOIN assistants a ON a.remote_id = w.remote_id
            JOIN accounts ac ON ac.id = a.account_id AND ac.name = w.account
            WHERE a.id = ? ORDER BY w.seq
            """,
            [assistantID]
        ) { row in
            var columns = ColumnCursor(row)
            return WriteAttempt(
                seq: columns.int(),
                facts: WriteAttemptFacts.read(&columns),
                revision: columns.optionalInt()
            )
        }
    }
}
