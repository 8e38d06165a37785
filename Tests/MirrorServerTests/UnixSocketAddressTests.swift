import Glibc
import Testing

@testable import MirrorServer

@Suite struct UnixSocketAddressTests {
    private let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!

    @Test func sunPathHoldsOneHundredAndEightBytes() {
        #expect(UnixSocketAddress.capacity == 108)
    }

    @Test func aPathCountsItsTerminatingNul() throws {
        let address = try UnixSocketAddress(path: "/run/x.sock")
        #expect(!address.isAbstract)
        #expect(address.byteLength == socklen_t(pathOffset + 11 + 1))
        #expect(address.description == "/run/x.sock")
    }

    @Test func anAbstractNameCoversExactlyTheLeadingNulAndTheName() throws {
        let address = try UnixSocketAddress(parsing: "@notify")
        #expect(address.isAbstract)
        #expect(address.byteLength == socklen_t(pathOffset + 1 + 6))
        #expect(address.description == "@notify")
    }

    @Test func theLongestPathThatFitsIsAccepted() throws {
        let path = "/" + String(repeating: "a", count: 106)
        #expect(try UnixSocketAddress(path: path).byteLength == socklen_t(pathOffset + 108))
    }

    @Test func aPathOneByteTooLongIsRejectedNotTruncated() {
        let path = "/" + String(repeating: "a", count: 107)
        #expect(throws: UnixSocketError.addressTooLong(address: path, byteCount: 108, limit: 107)) {
            try UnixSocketAddress(path: path)
        }
    }

    @Test func anAbstractNameOneByteTooLongIsRejected() {
        let name = String(repeating: "n", count: 108)
        #expect(throws: UnixSocketError.addressTooLong(address: "@" + name, byteCount: 108, limit: 107)) {
            try UnixSocketAddress(abstractName: name)
        }
    }

    @Test(arguments: ["", "/tmp/a\u{0}b"])
    func emptyOrNulContainingPathsAreInvalid(path: String) {
        #expect(throws: UnixSocketError.self) { try UnixSocketAddress(path: path) }
    }

    @Test func getsocknameReadsBackAPathAndAnAbstractName() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("named.sock")
        let pathSocket = try rawUnixSocket(type: Posix.streamType, boundTo: path, listening: false)
        defer { Posix.close(pathSocket) }
        #expect(try Posix.localAddress(of: pathSocket) == UnixSocketAddress(path: path))

        let name = "assistant-mirror-test-\(getpid())-address"
        let abstractSocket = try Posix.socket(type: Posix.streamType)
        defer { Posix.close(abstractSocket) }
        try Posix.bind(abstractSocket, to: UnixSocketAddress(abstractName: name))
        #expect(try Posix.localAddress(of: abstractSocket)?.description == "@" + name)
    }

    @Test func anUnnamedSocketHasNoAddress() throws {
        let descriptor = try Posix.socket(type: Posix.streamType)
        defer { Posix.close(descriptor) }
        #expect(try Posix.localAddress(of: descriptor) == nil)
    }
}
