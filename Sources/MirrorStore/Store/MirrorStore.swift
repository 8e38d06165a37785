import Foundation
import MirrorCore

/// The mirror database: one read-write connection, migrated on open, serialised behind a mutex.
///
/// Every write runs in `write`, one `BEGIN IMMEDIATE` transaction at a time. Queries from the socket
/// and from `sqlite3` users run on their own read-only connections (`openReader`), which WAL lets
/// read a consistent snapshot while the writer commits (https://www.sqlite.org/wal.html).
///
/// `@unchecked Sendable`: the connection is touched only inside `lock`, which is what makes sharing it
/// between tasks safe (the compiler cannot see through a lock around a non-Sendable class).
public final class MirrorStore: @unchecked Sendable {
    public let path: String
    private let connection: Connection
    private let lock = NSLock()

    /// Opens (creating when missing) and migrates the database at `path`.
    public init(path: String, migrator: Migrator = Migrator()) throws {
        let connection = try Connection(path: path, mode: .readWrite)
        try migrator.migrate(connection)
        self.path = path
        self.connection = connection
    }

    /// Runs `body` in one write transaction: everything it does commits together or not at all.
    /// With `rollback: true` the transaction is always rolled back (dry runs), after `body` returned.
    /// A filesystem failure, or a file found removed or read-only beforehand, throws `DatabaseFault`.
    public func write<T>(rollback: Bool = false, _ body: (StoreWriter) throws -> T) throws -> T {
        try lock.withLock {
            try WritableFiles(database: path).check(connection)
            if rollback {
                try connection.execute("BEGIN IMMEDIATE")
                defer { _ = try? connection.execute("ROLLBACK") }
                return try body(StoreWriter(connection: connection))
            }
            return try DatabaseFault.naming(database: path, connection: connection) {
                try connection.writeTransaction { try body(StoreWriter(connection: connection)) }
            }
        }
    }

    /// Runs `body` in one read transaction on the writer connection (the sync engine's own reads, which
    /// must see its own commits).
    public func read<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try lock.withLock {
            try connection.readTransaction { try body(StoreWriter(connection: connection)) }
        }
    }

    /// Runs `body` with the writer connection outside a transaction (maintenance: checkpoints).
    public func withWriterConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { try body(connection) }
    }

    /// A new read-only connection to the same file.
    public func openReader() throws -> MirrorReader {
        try MirrorReader(path: path)
    }
}
