import MirrorCore

/// One numbered SQL file of `migrations/`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Brings a database to the newest schema this binary knows.
///
/// Each pending migration runs in its own `BEGIN IMMEDIATE` transaction together with the new
/// `user_version`, so a crash mid-migration leaves the previous version intact and the next start
/// completes it. A database newer than the binary is refused before anything is written: an older
/// binary cannot know what a newer schema expects. Shipped migrations are never edited (GRDB:
/// "a good migration is a migration that is never modified once it has shipped").
///
/// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_user_version>
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migrator.embedded) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every pending migration; returns the versions applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection, now: () -> String = Timestamp.now) throws -> [Int] {
        let current = try connection.userVersion
        guard current <= latestVersion else {
            throw MigrationError.databaseIsNewer(database: current, binary: latestVersion)
        }
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            do {
                try connection.writeTransaction {
                    try connection.execute(
                        """
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
                        ) STRICT
                        """
                    )
                    try connection.execute(migration.sql)
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        [migration.version, migration.name, now()]
                    )
                    // PRAGMA takes no bound parameters; the version is an integer from this binary.
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
            } catch let error as SQLiteError {
                throw MigrationError.failed(name: migration.name, underlying: error)
            }
            applied.append(migration.version)
        }
        return applied
    }
}

public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case databaseIsNewer(database: Int, binary: Int)
    case failed(name: String, underlying: SQLiteError)

    public var description: String {
        switch self {
        case .databaseIsNewer(let database, let binary):
            "the database has schema version \(database) but this assistant-mirror knows versions up to \(binary); "
                + "run a newer assistant-mirror (nothing was changed)"
        case .failed(let name, let underlying):
            "migration \(name) failed and was rolled back: \(underlying)"
        }
    }
}
