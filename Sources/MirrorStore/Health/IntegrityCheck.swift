import CSQLite
import Foundation
import MirrorCore

/// SQLite's own check of the file's structure, `PRAGMA quick_check(N)`: O(N) in the database's size,
/// it finds missing pages, broken records and malformed b-trees, but skips what `integrity_check` adds
/// for UNIQUE and index contents (https://www.sqlite.org/pragma.html#pragma_quick_check). It is bounded
/// twice: at most `maxProblems` rows, and a time limit after which the check is interrupted
/// (https://www.sqlite.org/c3ref/interrupt.html) and reported as unfinished rather than holding start-up.
public struct IntegrityCheck: Sendable {
    public enum Result: Sendable, Equatable {
        case ok
        case corrupt([String])
        /// The time limit ran out first: nothing was found in the part that was checked.
        case unfinished
    }

    public var maxProblems = 10
    public var timeLimit: Duration = .seconds(60)

    public init() {}

    /// Checks `connection`'s database (read-only: quick_check writes nothing).
    public func run(_ connection: Connection) -> Result {
        // sqlite3_interrupt is the one call that is safe from another thread; the cancelled alarm never
        // runs, so it holds the connection unowned rather than keeping it open until the deadline.
        let timer = DispatchWorkItem { [unowned connection] in connection.interrupt() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit.seconds, execute: timer)
        defer { timer.cancel() }
        do {
            let rows = try connection.prepare("PRAGMA quick_check(\(maxProblems))").rows { $0.string(0) ?? "" }
            return rows == ["ok"] ? .ok : .corrupt(rows)
        } catch let error as SQLiteError where error.isInterrupt {
            return .unfinished
        } catch let error as SQLiteError where error.isCorruption {
            return .corrupt([error.message])
        } catch {
            return .corrupt([String(describing: error)])
        }
    }

    /// Refuses a database that fails the check, before anything writes to it (the daemon's and `sync`'s
    /// start-up). A missing file is a new database and passes.
    public func requireIntact(databasePath path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let connection: Connection
        do {
            connection = try Connection(path: path, mode: .readOnly)
        } catch let error as SQLiteError where error.isCorruption {
            throw DatabaseCorruption(database: path, problems: [error.message])
        }
        if case .corrupt(let problems) = run(connection) {
            throw DatabaseCorruption(database: path, problems: problems)
        }
    }
}

extension SQLiteError {
    /// SQLITE_CORRUPT, or SQLITE_NOTADB: the file is damaged or is not a database at all.
    public var isCorruption: Bool { code == .corrupt || code == .notADatabase }
}

/// A database file that SQLite finds damaged: the daemon and `sync` stop before writing to it.
public struct DatabaseCorruption: Error, Equatable, CustomStringConvertible {
    public let database: String
    public let problems: [String]

    public var description: String {
        "the database \(database) is corrupt (SQLite quick_check: \(problems.prefix(3).joined(separator: "; "))); "
            + "nothing was written to it. Stop the daemon, keep the damaged file for inspection, and restore "
            + "the latest backup (assistant-mirror backup --to FILE made it; see README, Backup and restore)"
    }
}
