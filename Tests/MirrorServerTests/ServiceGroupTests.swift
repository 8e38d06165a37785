import MirrorCore
import Synchronization
import Testing

@testable import MirrorApp

/// The daemon's lifecycle: services start together and stop one at a time, last started first, each
/// only after the one after it has returned.
@Suite struct ServiceGroupTests {
    /// Records when it started and stopped; with `endsAfter` it returns by itself.
    private struct Recording: Service {
        let name: String
        let journal: Journal
        var endsAfter: Duration?

        func run() async {
            journal.add("start \(name)")
            if let endsAfter {
                try? await Task.sleep(for: endsAfter)
            } else {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(60)) }
            }
            // A service finishing its work in flight after the stop signal.
            try? await Task.sleep(for: .milliseconds(20))
            journal.add("stop \(name)")
        }
    }

    private final class Journal: Sendable {
        private let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    private static func waitUntil(_ condition: () -> Bool) async {
        for _ in 0..<500 where !condition() { try? await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func stopsInReverseOrderOnShutdown() async {
        let journal = Journal()
        let names = ["socket", "scheduler", "retention"]
        let group = ServiceGroup(services: names.map { Recording(name: $0, journal: journal) }, logger: .silent())
        let (shutdown, request) = AsyncStream.makeStream(of: Void.self)
        async let done: Void = group.run(until: shutdown)
        await Self.waitUntil { journal.all.count == 3 }
        request.finish()
        await done
        #expect(Set(journal.all.prefix(3)) == Set(names.map { "start \($0)" }))
        #expect(Array(journal.all.dropFirst(3)) == ["stop retention", "stop scheduler", "stop socket"])
    }

    @Test func aServiceThatEndsStopsTheOthers() async {
        let journal = Journal()
        let group = ServiceGroup(
            services: [
                Recording(name: "socket", journal: journal),
                Recording(name: "scheduler", journal: journal, endsAfter: .milliseconds(50)),
                Recording(name: "retention", journal: journal),
            ],
            logger: .silent()
        )
        let (never, keep) = AsyncStream.makeStream(of: Void.self)
        await group.run(until: never)
        keep.finish()
        #expect(Array(journal.all.dropFirst(3)) == ["stop scheduler", "stop retention", "stop socket"])
    }
}
