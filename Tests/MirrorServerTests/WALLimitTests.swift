import Foundation
import MirrorCore
import MirrorStore
import Synchronization
import Testing

@testable import MirrorServer

/// reliability.md §7 check 11: a reader that holds a snapshot keeps the WAL from being reset; the
/// daemon notices, warns, and truncates the WAL once the reader is gone.
@Suite struct WALLimitTests {
    @Test func aStarvedWALIsReportedThenTruncatedWhenTheReaderLeaves() throws {
        let directory = try ScratchDirectory()
        let store = try MirrorStore(path: directory.path + "/wal.db")
        let warnings = Mutex<[String]>([])
        let logger = Logger(label: "test", level: .warning) { line in warnings.withLock { $0.append(line) } }
        let reader = try Connection(path: store.path, mode: .readOnly)
        try reader.execute("BEGIN")
        _ = try reader.scalarInt("SELECT count(*) FROM accounts")
        for index in 0..<200 {
            try store.write { writer in
                _ = try writer.accountID(
                    name: "account-\(index)-" + String(repeating: "x", count: 500),
                    provider: .telnyx,
                    now: "2026-01-01T00:00:00.000Z"
                )
            }
        }
        let stuck = try #require(Daemon.limitWAL(store: store, logger: logger, limit: 16 * 1024))
        #expect(stuck > 16 * 1024)
        #expect(warnings.withLock { $0 }.contains { $0.contains("cannot be checkpointed") })
        try reader.execute("COMMIT")
        #expect(Daemon.limitWAL(store: store, logger: logger, limit: 16 * 1024) == nil)
        let size = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int
        #expect(size == 0)
    }
}

/// While Litestream owns the checkpoints (`wal-checkpoints = litestream`), a large WAL is reported but
/// never truncated by the daemon: resetting it under Litestream would cost Litestream a new snapshot.
@Suite struct WALLitestreamTests {
    @Test func aLargeWALIsOnlyReportedWhenLitestreamOwnsTheCheckpoints() throws {
        let directory = try ScratchDirectory()
        let store = try MirrorStore(path: directory.path + "/wal.db")
        try store.withWriterConnection { try $0.execute("PRAGMA wal_autocheckpoint = 0") }
        let warnings = Mutex<[String]>([])
        let logger = Logger(label: "test", level: .warning) { line in warnings.withLock { $0.append(line) } }
        for index in 0..<100 {
            try store.write { writer in
                _ = try writer.accountID(
                    name: "account-\(index)-" + String(repeating: "x", count: 500),
                    provider: .telnyx,
                    now: "2026-01-01T00:00:00.000Z"
                )
            }
        }
        let limit = 16 * 1024
        let size = try #require(Daemon.limitWAL(store: store, logger: logger, limit: limit, checkpoints: .litestream))
        #expect(size > limit)
        #expect(warnings.withLock { $0 }.contains { $0.contains("is Litestream running?") })
        // The same WAL under the daemon's own checkpoints: truncated, as before.
        #expect(Daemon.limitWAL(store: store, logger: logger, limit: limit, checkpoints: .daemon) == nil)
    }
}
