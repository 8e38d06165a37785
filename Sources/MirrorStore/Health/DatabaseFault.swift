import CSQLite

/// A write that the filesystem refused, named by the file that could not be written: the database, its
/// WAL, its lock file or their directory. One of these ends a crawl with nothing of the failed page
/// committed; the crawl's checkpoint stays where it was and the next crawl resumes from it.
public enum DatabaseFault: Error, Equatable, CustomStringConvertible {
    /// SQLITE_FULL: the unix VFS turns ENOSPC into it (https://www.sqlite.org/rescode.html#full).
    case diskFull(database: String)
    /// The file, or the filesystem that holds it, does not take writes (EROFS, EACCES, EPERM).
    case readOnly(path: String, reason: String)
    /// The file or its directory is gone, or another file now has its name: writing on would go into
    /// an unlinked inode that nobody can read again.
    case removed(path: String, database: String)
    /// Any other I/O error, with SQLite's message.
    case ioError(path: String, detail: String)
    /// The commit went through but could not be flushed to the disk (fdatasync(2) failed).
    case notSynced(path: String, reason: String)

    public var description: String {
        switch self {
        case .diskFull(let database):
            "cannot write the database \(database): the disk is full; free space on its filesystem. "
                + "Nothing of the failed page was committed; the crawl resumes from its last checkpoint"
        case .readOnly(let path, let reason):
            "cannot write \(path): \(reason); make it writable again. Nothing of the failed page was committed"
        case .removed(let path, let database):
            "cannot write the database \(database): \(path) was removed or replaced while the daemon had it open; "
                + "restore it (from a backup) and restart, or the writes would be lost"
        case .ioError(let path, let detail):
            "cannot write \(path): \(detail). Nothing of the failed page was committed"
        case .notSynced(let path, let reason):
            "cannot flush \(path) to the disk: \(reason). The page is committed, but a power loss could take it "
                + "back; check the disk and its filesystem"
        }
    }

    /// The fault a failed SQLite write stands for, or nil when the error is not about the files.
    public init?(_ error: SQLiteError, database: String) {
        switch error.code {
        case .full:
            self = .diskFull(database: database)
        case .readOnly:
            self = .readOnly(path: database, reason: "the database is read-only (\(error.message))")
        case .ioError, .cantOpen:
            self = .ioError(path: database, detail: error.message)
        default:
            return nil
        }
    }
}

extension DatabaseFault {
    /// Runs a write on `connection`, turning a filesystem failure into the fault that names the file.
    static func naming<T>(database: String, connection: Connection, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            guard let fault = DatabaseFault(error, database: database) else { throw error }
            connection.resetStatements()
            throw fault
        }
    }
}

extension Connection {
    /// Resets every prepared statement of the connection. After an I/O error the pager stays in its
    /// error state, failing every later write with the same code, until no statement holds it
    /// (https://www.sqlite.org/c3ref/reset.html, https://www.sqlite.org/c3ref/next_stmt.html); the failed
    /// statement of a cached set is otherwise left mid-step.
    func resetStatements() {
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            sqlite3_reset(current)
            statement = sqlite3_next_stmt(handle, current)
        }
    }
}
