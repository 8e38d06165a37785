import Foundation
import Synchronization
import Testing

@testable import MirrorStore

/// The store's SQLite work runs on its own thread, never on Swift's cooperative pool, and one write at
/// a time.
@Suite struct StoreExecutorTests {
    /// What the writes saw of each other.
    private final class Probe: Sendable {
        private let state = Mutex((running: 0, overlapped: false, threads: Set<String>()))

        func enter() {
            state.withLock { state in
                state.running += 1
                if state.running > 1 { state.overlapped = true }
                state.threads.insert(Thread.current.name ?? "")
            }
        }

        func leave() { state.withLock { $0.running -= 1 } }
        var overlapped: Bool { state.withLock { $0.overlapped } }
        var threads: Set<String> { state.withLock { $0.threads } }
    }

    @Test func writesRunOnTheStoreThreadOneAtATime() async throws {
        let directory = TemporaryDirectory()
        let store = try MirrorStore(path: directory.file("executor.db"))
        let probe = Probe()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    _ = try? await store.write { writer -> Int in
                        probe.enter()
                        defer { probe.leave() }
                        usleep(2_000)
                        return try writer.accountID(
                            name: "a\(index)",
                            provider: .telnyx,
                            now: "2026-01-01T00:00:00.000Z"
                        )
                    }
                }
            }
        }
        #expect(probe.threads == ["sqlite-writer"])
        #expect(!probe.overlapped)
    }
}
