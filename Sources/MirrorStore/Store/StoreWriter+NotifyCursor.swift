import MirrorCore

/// The notify cursor (migration 0006): how far `notify-exec` has handled the prompt changes.
extension StoreWriter {
    /// The cursor, created at the history's head when there is none yet, so turning notifications on
    /// for an existing database starts from now rather than replaying its past.
    public func notifyCursor(now: String) throws -> Int {
        try connection.execute(
            "INSERT OR IGNORE INTO notify_cursor (id, notified_seq, updated_at) VALUES (1, ?, ?)",
            [try chainHead.current(connection)?.seq ?? 0, now]
        )
        return try connection.scalarInt("SELECT notified_seq FROM notify_cursor WHERE id = 1") ?? 0
    }

    /// Forgets the cursor while no `notify-exec` is configured.
    public func dropNotifyCursor() throws {
        try connection.execute("DELETE FROM notify_cursor")
    }

    /// Moves the cursor forward to `seq` (never back: two passes cannot undo each other).
    public func advanceNotifyCursor(to seq: Int, now: String) throws {
        try connection.execute(
            "UPDATE notify_cursor SET notified_seq = ?, updated_at = ? WHERE id = 1 AND notified_seq < ?",
            [seq, now, seq]
        )
    }
}
