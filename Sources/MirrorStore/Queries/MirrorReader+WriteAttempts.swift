import MirrorCore

extension MirrorReader {
    /// Every attempt to write one assistant's prompt through the mirror, oldest first (`write_attempts`).
    public func writeAttempts(assistantID: Int) throws -> [WriteAttempt] {
        try connection.rows(
            """
            SELECT w.seq, w.operation, w.reverted_to, w.requested_by, w.requested_at, w.reason, w.forced, w.outcome,
                w.provider_status, w.error, w.hash_before, w.hash_after, w.revision
            FROM write_attempts w
            JOIN assistants a ON a.remote_id = w.remote_id
            JOIN accounts ac ON ac.id = a.account_id AND ac.name = w.account
            WHERE a.id = ? ORDER BY w.seq
            """,
            [assistantID]
        ) { row in
            WriteAttempt(
                seq: row.int(0)!,
                operation: row.string(1)!,
                revertedTo: row.int(2),
                requestedBy: row.string(3)!,
                requestedAt: row.string(4)!,
                reason: row.string(5)!,
                forced: row.int(6) == 1,
                outcome: row.string(7)!,
                providerStatus: row.int(8),
                error: row.string(9),
                hashBefore: row.string(10),
                hashAfter: row.string(11),
                revision: row.int(12)
            )
        }
    }
}
