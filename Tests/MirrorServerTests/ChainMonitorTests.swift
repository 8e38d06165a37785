import Foundation
import MirrorCore
import MirrorStore
import Testing

@testable import MirrorApp

/// The daemon's chain monitor on a crawled database: the periodic whole walk (daily in the daemon, a
/// fraction of a second here) finds an edit the incremental walks cannot, logs it once, and a later
/// whole walk clears it once the history is intact again.
@Suite struct ChainMonitorTests {
    @Test func theRepeatedWholeWalkFindsAnOldEditLogsItOnceAndClearsIt() async throws {
        let fixture = try await QueryServerFixture()
        let log = LogCapture()
        let monitor = ChainMonitor(store: fixture.store, logger: Logger(label: "test", level: .debug, sink: log.append))
        #expect(monitor.health.state == .unverified)
        let service = ChainMonitorService(monitor: monitor, interval: .milliseconds(100))
        let running = Task { await service.run() }
        defer { running.cancel() }
        #expect(await eventuallyTrue { monitor.health.state == .ok })
        let head = try fixture.store.openReader().chainHead()
        #expect(monitor.health.verifiedHead == head)
        #expect(monitor.health.fullyVerifiedAt != nil)
        // An incremental walk with nothing appended changes nothing.
        await monitor.verifyAppended()
        #expect(monitor.health.state == .ok && monitor.health.verifiedHead == head)

        // NULL when the revision keeps its prompt in its snapshot only (migration 0007).
        let original = try fixture.store.openReader().scalarString("SELECT prompt FROM revisions WHERE seq = 2")
        #expect(try fixture.store.openReader().scalarInt("SELECT count(*) FROM revisions WHERE seq = 2") == 1)
        let attacker = try Connection(path: fixture.store.path, mode: .readWrite)
        try attacker.execute("DROP TRIGGER revisions_are_append_only_update")
        try attacker.execute("UPDATE revisions SET prompt = 'edited' WHERE seq = 2")
        #expect(await eventuallyTrue { monitor.health.state == .broken })
        #expect(monitor.health.problem?.seq == 2)
        // Several more whole walks find the same break: still one error line.
        let walks = monitor.health.fullyVerifiedAt
        #expect(await eventuallyTrue { monitor.health.fullyVerifiedAt != walks })
        await monitor.verifyAppended()
        #expect(log.all.filter { $0.hasPrefix("<3>") && $0.contains("HASH CHAIN BROKEN at seq 2") }.count == 1)

        try attacker.execute("UPDATE revisions SET prompt = ? WHERE seq = 2", [original])
        #expect(await eventuallyTrue { monitor.health.state == .ok })
        #expect(log.all.contains { $0.hasPrefix("<5>") && $0.contains("the hash chain is intact again") })
    }
}
