import Foundation

/// An exclusive advisory lock beside the database (`<database>.lock`, flock(2)), held by the daemon
/// for its lifetime and by `sync` for its pass, so two processes never crawl into one database at once
/// (each would take the other's unfinished crawl for a crashed one and resume it). The kernel drops
/// the lock when the process dies, so a crash never leaves it stale.
public final class DatabaseLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock, or throws `DatabaseLockError.held` at once when another process has it.
    public init(databasePath: String) throws {
        path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw DatabaseLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw DatabaseLockError.held(path: path) }
            throw DatabaseLockError.cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}

public enum DatabaseLockError: Error, Equatable, CustomStringConvertible {
    case held(path: String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path):
            "another assistant-mirror process (the daemon, or a sync) is using this database (\(path) is locked)"
        case .cannotOpen(let path, let reason): "cannot open lock file \(path): \(reason)"
        }
    }
}
