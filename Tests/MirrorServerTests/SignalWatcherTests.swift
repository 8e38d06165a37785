import Dispatch
import Glibc
import Testing

@testable import MirrorServer

/// Real signals sent to this test process. Serialized: the signals are process-wide.
@Suite(.serialized) struct SignalWatcherTests {
    /// The first `count` events, or fewer if they do not come within a generous hang guard.
    private func firstEvents(of watcher: SignalWatcher, count: Int) async -> [Int32] {
        await withTaskGroup(of: [Int32].self) { group in
            group.addTask {
                var received: [Int32] = []
                for await signal in watcher.events {
                    received.append(signal)
                    if received.count == count { break }
                }
                return received
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return []
            }
            let first = await group.next() ?? []
            group.cancelAll()
            return first
        }
    }

    @Test func sigusr1IsDeliveredAndDoesNotKillTheProcess() async {
        let watcher = SignalWatcher(signals: [SIGUSR1])
        defer { watcher.cancel() }
        kill(getpid(), SIGUSR1)
        #expect(await firstEvents(of: watcher, count: 1) == [SIGUSR1])
    }

    @Test func twoSignalsOnOneWatcherArriveInTheOrderSent() async {
        let watcher = SignalWatcher(signals: [SIGHUP, SIGUSR1, SIGHUP])
        defer { watcher.cancel() }
        kill(getpid(), SIGHUP)
        #expect(await firstEvents(of: watcher, count: 1) == [SIGHUP])
        kill(getpid(), SIGUSR1)
        #expect(await firstEvents(of: watcher, count: 1) == [SIGUSR1])
    }

    @Test func aTerminatingSignalLeavesItsDefaultActionBehind() {
        let watcher = SignalWatcher(signals: [SIGUSR2])
        defer { watcher.cancel() }
        var current = sigaction()
        sigaction(SIGUSR2, nil, &current)
        #expect(current.__sigaction_handler.sa_handler != nil, "SIGUSR2 must no longer have SIG_DFL, which terminates")
    }

    @Test func cancelFinishesTheStream() async {
        let watcher = SignalWatcher(signals: [SIGUSR1])
        watcher.cancel()
        var count = 0
        for await _ in watcher.events { count += 1 }
        #expect(count == 0)
    }
}
