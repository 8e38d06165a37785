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
struct WritableFiles {
    let database: String

    func check(_ connection: Connection) throws {
        let directory = (database as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw DatabaseFault.removed(path: directory, database: database)
        }
        var moved: Int32 = 0
        if sqlite3_file_control(connection.handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK, moved != 0 {
            throw DatabaseFault.removed(path: database, database: database)
        }
        // The lock file is checked only where a process made one (`DatabaseLock`).
        for path in [database, database + "-wal", database + ".lock"] where access(path, F_OK) == 0 {
            if access(path, W_OK) != 0 {
                throw DatabaseFault.readOnly(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }
}
