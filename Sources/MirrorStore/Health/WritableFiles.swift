import CSQLite
import Foundation

/// The files a write transaction goes to, checked before it starts.
///
/// An open descriptor keeps writing after its file was unlinked, or after the filesystem under it was
/// remounted read-only through another mount, so SQLite alone would report success while the commits
/// went into an inode nobody can read again (https://www.sqlite.org/howtocorrupt.html §2.4, "Unlinking
/// or renaming a database file while in use"). `SQLITE_FCNTL_HAS_MOVED` tells whether the open database
/// is still the file at its path (https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html), and
/// access(2) answers EROFS, EACCES or EPERM for a path that no longer takes writes, even for root.
struct WritableFiles: Sendable {
    let database: String
    /// Worked out once: this check runs before every write transaction, and Foundation's path and
    /// file-manager calls were 1.3% of a re-poll's CPU.
    private let directory: String
    /// The lock file is checked only where a process made one (`DatabaseLock`).
    private let files: [String]

    init(database: String) {
        self.database = database
        self.directory = (database as NSString).deletingLastPathComponent
        self.files = [database, database + "-wal", database + ".lock"]
    }

    func check(_ connection: Connection) throws {
        if !directory.isEmpty, access(directory, F_OK) != 0 {
            throw DatabaseFault.removed(path: directory, database: database)
        }
        var moved: Int32 = 0
        if sqlite3_file_control(connection.handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK, moved != 0 {
            throw DatabaseFault.removed(path: database, database: database)
        }
        for path in files where access(path, F_OK) == 0 {
            if access(path, W_OK) != 0 {
                throw DatabaseFault.readOnly(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }
}
