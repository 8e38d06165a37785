import Foundation
import MirrorCore
import Testing

@testable import MirrorApp
@testable import MirrorServer

/// The heartbeat watchdog (reliability.md §1.2): pings follow the components' progress, and a stalled
/// component stops them, which is what lets systemd restart a hung daemon.
@Suite struct WatchdogTests {
    /// A watchdog with a 40 ms interval (a beat due every 10 ms) talking to a recorder socket.
    private static func watchdog(_ recorder: NotifySocketRecorder, log: LogCapture) -> Watchdog {
        Watchdog(
            settings: WatchdogSettings(interval: .milliseconds(40)),
            components: ["scheduler", "query server"],
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": recorder.environmentValue]),
            logger: Logger(label: "test", level: .debug, sink: { log.append($0) })
        )
    }

    private static func recorder() throws -> NotifySocketRecorder {
        try NotifySocketRecorder(
            address: UnixSocketAddress(
                abstractName: "assistant-mirror-watchdog-\(getpid())-\(UUID().uuidString.prefix(8))"
            )
        )
    }

    @Test func pingsWhileEveryComponentBeats() async throws {
        let recorder = try Self.recorder()
        let watchdog = Self.watchdog(recorder, log: LogCapture())
        for _ in 0..<20 {
            watchdog.beat("scheduler")
            watchdog.beat("query server")
            try await Task.sleep(for: .milliseconds(12))
        }
        #expect(await recorder.wait(for: "WATCHDOG=1", count: 3))
    }

    @Test func aStalledComponentStopsThePingsAndIsNamedOnce() async throws {
        let recorder = try Self.recorder()
        let log = LogCapture()
        let watchdog = Self.watchdog(recorder, log: log)
        // The query server keeps beating; the scheduler never does.
        for _ in 0..<20 {
            watchdog.beat("query server")
            try await Task.sleep(for: .milliseconds(12))
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(recorder.count(of: "WATCHDOG=1") == 0)
        #expect(log.all.filter { $0.contains("scheduler has not made progress") }.count == 1)
        // Once it beats again, pings resume.
        for _ in 0..<10 {
            watchdog.beat("scheduler")
            watchdog.beat("query server")
            try await Task.sleep(for: .milliseconds(12))
        }
        #expect(await recorder.wait(for: "WATCHDOG=1"))
    }
}
