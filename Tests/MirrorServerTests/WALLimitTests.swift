import Foundation
import MirrorCore
import MirrorStore
import Synchronization
import Testing

@testable import MirrorApp
@testable import MirrorServer

/// reliability.md §7 check 11: a reader that holds a snapshot keeps the WAL from being reset; the
/// daemon notices, warns, and truncates the WAL once the reader is gone.
@Suite struct WALLimitTests {
    @Test func aStarvedWALIsReportedThenTruncatedWhenTheReaderLeaves() async throws {
        let directory = try ScratchDirectory()
        let store = try MirrorStore(path: directory.path + "/wal.db")
        let warnings = Mutex<[String]>([])
        let logger = Logger(label: "test", level: .warning) { line in warnings.withLock { $0.append(line) } }
        let reader = try Connection(path: store.path, mode: .readOnly)
        try reader.execute("BEGIN")
        _ = try reader.scalarInt("SELECT count(*) FROM accounts")
        for index in 0..<200 {
            try await store.write { writer in
                _ = try writer.accountID(
                    name: "account-\(index)-" + String(repeating: "x", count: 500),
                    provider: .telnyx,
                    now: "2026-01-01T00:00:00.000Z"
                )
            }
        }
        let reporter = CrawlReporter(store: store, notifier: SystemdNotifier(environment: [:]), logger: logger)
        let stuck = try #require(await reporter.limitWAL(limit: 16 * 1024))
        #expect(stuck > 16 * 1024)
        #expect(warnings.withLock { $0 }.contains { $0.contains("cannot be checkpointed") })
        try reader.execute("COMMIT")
        #expect(await reporter.limitWAL(limit: 16 * 1024) == nil)
        let size = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int
        #expect(size == 0)
    }
}

/// While Litestream owns the checkpoints (`wal-checkpoints = litestream`), a large WAL is reported but
/// never truncated by the daemon: resetting it under Litestream would cost Litestream a new snapshot.
@Suite struct WALLitestreamTests {
    @Test func aLargeWALIsOnlyReportedWhenLitestreamOwnsTheCheckpoints() async throws {
        let directory = try ScratchDirectory()
        let store = try MirrorStore(path: directory.path + "/wal.db")
        try await store.withWriterConnection { try $0.execute("PRAGMA wal_autocheckpoint = 0") }
        let warnings = Mutex<[String]>([])
        let logger = Logger(label: "test", level: .warning) { line in warnings.withLock { $0.append(line) } }
        for index in 0..<100 {
            try await store.write { writer in
                _ = try writer.accountID(
                    name: "account-\(index)-" + String(repeating: "x", count: 500),
                    provider: .telnyx,
                    now: "2026-01-01T00:00:00.000Z"
                )
            }
        }
        let limit = 16 * 1024
        func reporter(_ checkpoints: WALCheckpointOwner) -> CrawlReporter {
            CrawlReporter(
                store: store,
                notifier: SystemdNotifier(environment: [:]),
                logger: logger,
                checkpoints: checkpoints
            )
        }
        let size = try #require(await reporter(.litestream).limitWAL(limit: limit))
        #expect(size > limit)
        #expect(warnings.withLock { $0 }.contains { $0.contains("is Litestream running?") })
        // The same WAL under the daemon's own checkpoints: truncated, as before.
        #expect(await reporter(.daemon).limitWAL(limit: limit) == nil)
    }
}
