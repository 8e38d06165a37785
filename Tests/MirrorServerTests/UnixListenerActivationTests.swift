import Foundation
import Glibc
import Testing

@testable import MirrorServer

/// Socket activation as sd_listen_fds(3) describes it, with real descriptors standing in for systemd's.
@Suite struct UnixListenerActivationTests {
    private func activation(pid: pid_t = getpid(), count: String = "1") -> [String: String] {
        ["LISTEN_PID": String(pid), "LISTEN_FDS": count, "LISTEN_FDNAMES": "query"]
    }

    @Test func anInheritedListenerAtAnyDescriptorServesAConnection() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("activated.sock")
        // Made without SOCK_CLOEXEC, as a descriptor crossing exec(2) from systemd is.
        let descriptor = try rawUnixSocket(type: Posix.streamType, boundTo: path, listening: true)

        let listener = try #require(
            try UnixListener.inherited(environment: activation(), firstDescriptor: descriptor)
        )
        #expect(listener.descriptor == descriptor)
        #expect(listener.path == path)
        #expect(try Posix.fcntl(descriptor, F_GETFD) & FD_CLOEXEC != 0)

        let client = try UnixConnection.connect(path: path, timeout: .seconds(5))
        defer { client.close() }
        let server = try #require(try listener.accept(timeout: .seconds(5)))
        defer { server.close() }
        try client.write(Data("ping\n".utf8), timeout: .seconds(5))
        #expect(try server.readLine(maxBytes: 64, timeout: .seconds(5)) == .line(Data("ping".utf8)))

        listener.close()
        #expect(fileExists(path), "an inherited socket's path belongs to systemd and must survive close()")
    }

    @Test func variablesMeantForAnotherProcessAreIgnored() throws {
        let directory = try ScratchDirectory()
        let descriptor = try rawUnixSocket(
            type: Posix.streamType,
            boundTo: directory.file("other.sock"),
            listening: true
        )
        defer { Posix.close(descriptor) }
        #expect(
            try UnixListener.inherited(environment: activation(pid: getpid() + 1), firstDescriptor: descriptor) == nil
        )
    }

    @Test(arguments: [
        [:], ["LISTEN_FDS": "1"], ["LISTEN_PID": "\(getpid())"], ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "0"],
    ])
    func noActivationWithoutPidAndCount(environment: [String: String]) throws {
        #expect(try UnixListener.inherited(environment: environment) == nil)
    }

    @Test func aNonSocketDescriptorIsRefused() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("plain")
        try Data().write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { Glibc.close(descriptor) }
        #expect(
            throws: UnixSocketError.unusableInheritedDescriptor(descriptor: descriptor, reason: "it is a regular file")
        ) {
            try UnixListener.inherited(environment: activation(), firstDescriptor: descriptor)
        }
    }

    @Test func aSocketThatIsNotListeningIsRefused() throws {
        let descriptor = try rawUnixSocket(type: Posix.streamType, boundTo: nil, listening: false)
        defer { Posix.close(descriptor) }
        #expect(
            throws: UnixSocketError.unusableInheritedDescriptor(descriptor: descriptor, reason: "it is not listening")
        ) {
            try UnixListener.inherited(environment: activation(), firstDescriptor: descriptor)
        }
    }

    @Test func aDatagramSocketIsRefused() throws {
        let descriptor = try rawUnixSocket(type: Posix.datagramType, boundTo: nil, listening: false)
        defer { Posix.close(descriptor) }
        #expect(throws: UnixSocketError.self) {
            try UnixListener.inherited(environment: activation(), firstDescriptor: descriptor)
        }
    }

    @Test(arguments: ["2", "-1", "many"])
    func anUnusableDescriptorCountIsRefused(count: String) {
        #expect(throws: UnixSocketError.self) {
            try UnixListener.inherited(environment: activation(count: count), firstDescriptor: 3)
        }
    }

    @Test func anUnparsablePidIsRefused() {
        #expect(throws: UnixSocketError.self) {
            try UnixListener.inherited(environment: ["LISTEN_PID": "me", "LISTEN_FDS": "1"])
        }
    }
}
