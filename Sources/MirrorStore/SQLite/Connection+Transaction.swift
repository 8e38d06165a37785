import CSQLite

extension Connection {
    /// Runs `body` in a write transaction started with `BEGIN IMMEDIATE`, which takes the write lock up
    /// front: a deferred transaction that later upgrades fails with SQLITE_BUSY_SNAPSHOT in WAL mode,
    /// where waiting cannot help. Commits when `body` returns, rolls back when it throws.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/lang_transaction.html#immediate>
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
    }

    /// Runs `body` in one read transaction, so that every query inside sees the same snapshot.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        defer { rollbackIgnoringErrors() }
        return try body()
    }

    /// After a failed COMMIT or statement SQLite may already have rolled back; a second ROLLBACK then
    /// fails with "no transaction is active", which is not worth reporting over the original error.
    private func rollbackIgnoringErrors() {
        if sqlite3_get_autocommit(handle) == 0 {
            _ = try? execute("ROLLBACK")
        }
    }

    /// `PRAGMA user_version`: the schema version, kept in the database header (offset 60).
    public var userVersion: Int {
        get throws { try scalarInt("PRAGMA user_version") ?? 0 }
    }

    /// Checkpoints the WAL and truncates it; returns false when readers kept it from completing.
    /// https://www.sqlite.org/pragma.html#pragma_wal_checkpoint
    @discardableResult
    public func checkpointTruncate() throws -> Bool {
        try firstRow("PRAGMA wal_checkpoint(TRUNCATE)") { $0.int(0) == 0 } ?? false
    }
}
