import Foundation
import MirrorCore

/// The mirror database: one read-write connection, migrated on open, owned by an actor whose jobs run
/// on a thread of their own (`SQLiteExecutor`), so SQLite's blocking calls never hold a thread of
/// Swift's cooperative pool.
///
/// Every write runs in `write`, one `BEGIN IMMEDIATE` transaction at a time. Queries from the socket
/// and from `sqlite3` users run on their own read-only connections (`openReader`), which WAL lets
/// read a consistent snapshot while the writer commits (https://www.sqlite.org/wal.html).
public actor MirrorStore {
    public nonisolated let path: String
    private let writableFiles: WritableFiles
    private let connection: Connection
    private nonisolated let executor: SQLiteExecutor

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Opens (creating when missing) and migrates the database at `path`, on the caller's thread: this
    /// happens once, at start-up, before anything else could use the store.
    public init(path: String, migrator: Migrator = Migrator()) throws {
        let connection = try Connection(path: path, mode: .readWrite)
        try migrator.migrate(connection)
        self.path = path
        self.writableFiles = WritableFiles(database: path)
        self.connection = connection
        self.executor = SQLiteExecutor(name: "sqlite-writer")
    }

    deinit { executor.stop() }

    /// Runs `body` in one write transaction: everything it does commits together or not at all.
    /// With `rollback: true` the transaction is always rolled back (dry runs), after `body` returned.
    /// `sync` says whether the commit waits for the disk (`CommitSync`; by default it does).
    /// A filesystem failure, or a file found removed or read-only beforehand, throws `DatabaseFault`.
    public func write<T: Sendable>(
        rollback: Bool = false,
        sync: CommitSync = .always,
        _ body: sending (StoreWriter) throws -> T
    ) throws -> T {
        try writableFiles.check(connection)
        if rollback {
            try connection.execute("BEGIN IMMEDIATE")
            defer { _ = try? connection.execute("ROLLBACK") }
            return try body(StoreWriter(connection: connection))
        }
        // SQLite refuses to change its sync level inside a transaction ("Safety level may not be
        // changed inside a transaction"), so a commit that may skip the sync is set up before BEGIN,
        // and one that then grew the chain is synced below, as FULL would have done.
        try syncCommits(sync == .always)
        let (result, grewChain) = try DatabaseFault.naming(database: path, connection: connection) {
            try connection.writeTransaction {
                let writer = StoreWriter(connection: connection)
                return (try body(writer), writer.appendedToChain)
            }
        }
        if sync == .whenTheChainGrows, grewChain {
            try syncWAL()
            walSyncs += 1
        }
        return result
    }

    /// Whether commits currently sync the WAL (`PRAGMA synchronous` FULL, else NORMAL); changed only
    /// when it must, between transactions.
    private var commitsSync = true
    /// How many commits `syncWAL` flushed (for tests: the one sign of a sync that SQLite does not show).
    private(set) var walSyncs = 0

    private func syncCommits(_ full: Bool) throws {
        guard full != commitsSync else { return }
        try connection.execute(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        commitsSync = full
    }

    /// What `synchronous=FULL` adds after each commit in WAL mode: fdatasync(2) of the WAL file
    /// (https://www.sqlite.org/pragma.html#pragma_synchronous). Any descriptor of the file flushes it.
    private func syncWAL() throws {
        let wal = path + "-wal"
        let descriptor = open(wal, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fdatasync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw DatabaseFault.notSynced(path: wal, reason: reason)
        }
        close(descriptor)
    }

    /// Runs `body` in one read transaction on the writer connection (the sync engine's own reads, which
    /// must see its own commits).
    public func read<T: Sendable>(_ body: sending (StoreWriter) throws -> T) throws -> T {
        try connection.readTransaction { try body(StoreWriter(connection: connection)) }
    }

    /// Runs `body` with the writer connection outside a transaction (maintenance: checkpoints).
    public func withWriterConnection<T: Sendable>(_ body: sending (Connection) throws -> T) throws -> T {
        try body(connection)
    }

    /// A new read-only connection to the same file.
    public nonisolated func openReader() throws -> MirrorReader {
        try MirrorReader(path: path)
    }
}
