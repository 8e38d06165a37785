import CSQLite
import Foundation

/// A consistent copy of a live database by SQLite's online backup API
/// (https://www.sqlite.org/backup.html, https://www.sqlite.org/c3ref/backup_finish.html), never `cp`,
/// which can catch the file between a WAL commit and its checkpoint
/// (https://www.sqlite.org/howtocorrupt.html §1.2).
///
/// One `sqlite3_backup_step(-1)` copies every page inside one read transaction on a read-only source
/// connection: in WAL mode that snapshot never blocks the daemon's writer, and the copy is the database
/// as of one commit. The copy is written beside the target as `<target>.partial`, switched to a
/// rollback journal so it is one self-contained file, fsync(2)ed, renamed over the target name and the
/// directory fsynced, so a crash leaves either no backup or a whole one.
public struct DatabaseBackup {
    public let source: String
    public let target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }

    public func run() throws {
        guard !FileManager.default.fileExists(atPath: target) else {
            throw BackupError("\(target) already exists; choose a new name (a backup never overwrites a file)")
        }
        guard FileManager.default.fileExists(atPath: source) else {
            throw BackupError("there is no database at \(source)")
        }
        let partial = target + ".partial"
        unlink(partial)
        do {
            try copy(to: partial)
            try Self.sync(partial)
            guard rename(partial, target) == 0 else { throw BackupError.system("rename \(partial) to \(target)") }
            let directory = (target as NSString).deletingLastPathComponent
            try Self.sync(directory.isEmpty ? "." : directory)
        } catch {
            unlink(partial)
            throw error
        }
    }

    private func copy(to partial: String) throws {
        let reader = try Connection(path: source, mode: .readOnly)
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(partial, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        defer { sqlite3_close_v2(handle) }
        guard opened == SQLITE_OK, let destination = handle else {
            throw BackupError(
                "cannot create \(partial): \(handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory")"
            )
        }
        guard let backup = sqlite3_backup_init(destination, "main", reader.handle, "main") else {
            throw BackupError("cannot start the backup: \(String(cString: sqlite3_errmsg(destination)))")
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, -1)
            // BUSY or LOCKED: the source's read lock was not granted yet; the backup page says to retry.
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { usleep(100_000) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else {
            throw BackupError("the backup to \(partial) failed: \(String(cString: sqlite3_errstr(code)))")
        }
        // The copied header says WAL; a rollback journal makes the copy a single file at rest.
        guard sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nil, nil, nil) == SQLITE_OK else {
            throw BackupError("cannot finish \(partial): \(String(cString: sqlite3_errmsg(destination)))")
        }
    }

    /// fsync(2) of a file or a directory: a rename is durable only once its directory is synced.
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BackupError.system("open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BackupError.system("fsync \(path)") }
    }
}

public struct BackupError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }

    static func system(_ call: String) -> BackupError {
        BackupError("\(call): \(String(cString: strerror(errno)))")
    }
}
