import Foundation
import Glibc
import Testing

@testable import MirrorServer

@Suite struct SystemdNotifierTests {
    /// A datagram socket standing in for systemd's notification socket.
    private final class NotifySocket {
        let descriptor: Int32
        let environmentValue: String

        init(address: UnixSocketAddress) throws {
            descriptor = try Posix.socket(type: Posix.datagramType | Posix.closeOnExec | Posix.nonBlocking)
            try Posix.bind(descriptor, to: address)
            environmentValue = address.description
        }

        deinit { Posix.close(descriptor) }

        /// The next datagram's text, or nil if none arrives.
        func receive() throws -> String? {
            guard try Posix.wait(for: Int16(POLLIN), on: descriptor, before: Deadline(after: .seconds(10))) else {
                return nil
            }
            var bytes = [UInt8](repeating: 0, count: 4096)
            let count = try bytes.withUnsafeMutableBytes { try Posix.read(descriptor, into: $0) }
            return count.map { String(decoding: bytes.prefix($0), as: UTF8.self) }
        }

        /// True if a datagram is waiting right now.
        var hasPendingDatagram: Bool {
            var probe = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            return (try? Posix.poll(&probe, timeout: 0)) == 1
        }
    }

    @Test func readyReachesASocketAtAPath() throws {
        let directory = try ScratchDirectory()
        let socket = try NotifySocket(address: UnixSocketAddress(path: directory.file("notify")))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(notifier.isEnabled)
        #expect(notifier.ready())
        #expect(try socket.receive() == "READY=1")
    }

    @Test func fieldsReachAnAbstractSocketInOneDatagramInOrder() throws {
        let socket = try NotifySocket(
            address: UnixSocketAddress(abstractName: "assistant-mirror-test-\(getpid())-notify")
        )
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(socket.environmentValue.hasPrefix("@"))
        #expect(notifier.notify([("STATUS", "syncing"), ("EXTEND_TIMEOUT_USEC", "5000000")]))
        #expect(try socket.receive() == "STATUS=syncing\nEXTEND_TIMEOUT_USEC=5000000")
    }

    @Test func eachHelperSendsItsFields() throws {
        let directory = try ScratchDirectory()
        let socket = try NotifySocket(address: UnixSocketAddress(path: directory.file("notify")))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(notifier.reloading(monotonicMicroseconds: 123_456))
        #expect(try socket.receive() == "RELOADING=1\nMONOTONIC_USEC=123456")
        #expect(notifier.stopping())
        #expect(try socket.receive() == "STOPPING=1")
        #expect(notifier.watchdog())
        #expect(try socket.receive() == "WATCHDOG=1")
        #expect(notifier.status("3 accounts, last sync ok"))
        #expect(try socket.receive() == "STATUS=3 accounts, last sync ok")
    }

    @Test func aStatusIsForcedOntoOneLine() throws {
        let directory = try ScratchDirectory()
        let socket = try NotifySocket(address: UnixSocketAddress(path: directory.file("notify")))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(notifier.status("failed\nREADY=1\r\nagain"))
        #expect(try socket.receive() == "STATUS=failed READY=1 again")
    }

    @Test func anInvalidFieldNameSendsNothing() throws {
        let directory = try ScratchDirectory()
        let socket = try NotifySocket(address: UnixSocketAddress(path: directory.file("notify")))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(!notifier.notify([("READY", "1"), ("BAD=NAME", "x")]))
        #expect(!notifier.notify([]))
        #expect(!socket.hasPendingDatagram)
    }

    @Test(arguments: [
        [:], ["NOTIFY_SOCKET": ""], ["NOTIFY_SOCKET": "relative/notify"], ["NOTIFY_SOCKET": "vsock:2:1234"],
    ])
    func withoutAUsableNotifySocketNothingIsSent(environment: [String: String]) {
        let notifier = SystemdNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.status("x"))
    }

    @Test func aMissingSocketIsReportedNotThrown() throws {
        let directory = try ScratchDirectory()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": directory.file("gone")])
        #expect(notifier.isEnabled)
        #expect(!notifier.ready())
    }

    @Test func theMonotonicClockReadsMicrosecondsAndDoesNotGoBack() {
        let first = SystemdNotifier.monotonicMicroseconds()
        let second = SystemdNotifier.monotonicMicroseconds()
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let third = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        #expect(first > 0)
        #expect(first <= second && second <= third)
    }
}
