import Foundation
import Glibc
import Synchronization

@testable import MirrorServer

/// Plays systemd's side of sd_notify(3): a datagram socket (a path or an `@abstract` name) whose messages are
/// collected on a thread of its own, each stamped with the test's CLOCK_MONOTONIC at arrival.
///
/// `whenReady` runs on that thread as soon as the first `READY=1` arrives, before any later datagram is read,
/// so its result says what was true at the moment the daemon declared itself ready.
final class NotifySocketRecorder: Sendable {
    struct Datagram: Sendable {
        let text: String
        let receivedAtMicroseconds: UInt64

        var fields: [String] { text.split(separator: "\n").map(String.init) }
    }

    private struct State {
        var datagrams: [Datagram] = []
        var readyProbe: Bool?
        var open = true
    }

    /// What the receiving thread shares with the recorder; the thread holds this, not the recorder, so the
    /// recorder's deinit can stop it.
    private final class Inbox: Sendable {
        let state = Mutex(State())
        let finished = DispatchSemaphore(value: 0)
    }

    /// The value for `$NOTIFY_SOCKET`.
    let environmentValue: String
    private let descriptor: Int32
    private let inbox = Inbox()

    init(address: UnixSocketAddress, whenReady: @escaping @Sendable () -> Bool = { true }) throws {
        let descriptor = try Posix.socket(type: Posix.datagramType | Posix.closeOnExec | Posix.nonBlocking)
        self.descriptor = descriptor
        try Posix.bind(descriptor, to: address)
        environmentValue = address.description
        let inbox = self.inbox
        Thread.detachNewThread { Self.receiveLoop(descriptor, inbox, whenReady) }
    }

    deinit {
        inbox.state.withLock { $0.open = false }
        inbox.finished.wait()
        Posix.close(descriptor)
    }

    var datagrams: [Datagram] { inbox.state.withLock { $0.datagrams } }

    /// Every field of every datagram, in arrival order.
    var fields: [String] { datagrams.flatMap(\.fields) }

    /// What `whenReady` returned at the first `READY=1`; nil before one arrived.
    var readyProbe: Bool? { inbox.state.withLock { $0.readyProbe } }

    func count(of field: String) -> Int { fields.filter { $0 == field }.count }

    /// Waits (bounded) until `condition` holds for the datagrams so far.
    func wait(
        timeout: Duration = DaemonProcess.patience,
        until condition: @Sendable ([Datagram]) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(datagrams) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(datagrams)
    }

    /// Waits (bounded) until `field` has arrived `count` times in all.
    func wait(for field: String, count: Int = 1) async -> Bool {
        await wait { $0.flatMap(\.fields).filter { $0 == field }.count >= count }
    }

    private static func receiveLoop(_ descriptor: Int32, _ inbox: Inbox, _ whenReady: @Sendable () -> Bool) {
        defer { inbox.finished.signal() }
        var buffer = [UInt8](repeating: 0, count: 8192)
        while inbox.state.withLock({ $0.open }) {
            guard
                (try? Posix.wait(for: Int16(POLLIN), on: descriptor, before: Deadline(after: .milliseconds(100))))
                    == true,
                let count = try? buffer.withUnsafeMutableBytes({ try Posix.read(descriptor, into: $0) })
            else { continue }
            let datagram = Datagram(
                text: String(decoding: buffer.prefix(count), as: UTF8.self),
                receivedAtMicroseconds: Self.monotonicMicroseconds()
            )
            let firstReady = datagram.fields.contains("READY=1") && inbox.state.withLock { $0.readyProbe == nil }
            let probe = firstReady ? whenReady() : nil
            inbox.state.withLock { state in
                if let probe { state.readyProbe = probe }
                state.datagrams.append(datagram)
            }
        }
    }

    /// The test's own CLOCK_MONOTONIC (clock_gettime(2)), independent of the code under test.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
