import Foundation
import Glibc
import Testing

@testable import MirrorServer

@Suite struct UnixListenerTests {
    @Test func theSocketFileIs0660AfterBind() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        let listener = try UnixListener.bind(path: path)
        defer { listener.close() }
        #expect(try Posix.lstat(path).st_mode & S_IFMT == S_IFSOCK)
        #expect(try permissionBits(of: path) == 0o660)
        #expect(listener.path == path)
    }

    @Test func aRequestedModeIsApplied() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        let listener = try UnixListener.bind(path: path, mode: 0o600)
        defer { listener.close() }
        #expect(try permissionBits(of: path) == 0o600)
    }

    @Test func theProcessUmaskIsRestoredAfterBind() throws {
        let directory = try ScratchDirectory()
        let before = umask(0o022)
        defer { umask(before) }
        let listener = try UnixListener.bind(path: directory.file("query.sock"))
        defer { listener.close() }
        #expect(umask(0o022) == 0o022)
    }

    @Test func aRegularFileAtThePathIsRefusedAndLeftIntact() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: UnixSocketError.notASocket(path: path, found: "a regular file")) {
            try UnixListener.bind(path: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test func aDirectoryAtThePathIsRefused() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: UnixSocketError.notASocket(path: path, found: "a directory")) {
            try UnixListener.bind(path: path)
        }
        #expect(fileExists(path))
    }

    @Test func aSymbolicLinkAtThePathIsRefusedEvenIfItPointsAtAStaleSocket() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("stale.sock")
        Posix.close(try rawUnixSocket(type: Posix.streamType, boundTo: target, listening: false))
        let path = directory.file("query.sock")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: UnixSocketError.notASocket(path: path, found: "a symbolic link")) {
            try UnixListener.bind(path: path)
        }
        #expect(try Posix.lstat(path).st_mode & S_IFMT == S_IFLNK)
        #expect(fileExists(target))
    }

    @Test func aStaleSocketIsReplaced() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        Posix.close(try rawUnixSocket(type: Posix.streamType, boundTo: path, listening: true))
        #expect(fileExists(path))

        let listener = try UnixListener.bind(path: path)
        defer { listener.close() }
        let client = try UnixConnection.connect(path: path, timeout: .seconds(5))
        defer { client.close() }
        let server = try #require(try listener.accept(timeout: .seconds(5)))
        server.close()
    }

    @Test func aLiveListenerIsNeitherReplacedNorDisturbed() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        let first = try UnixListener.bind(path: path)
        defer { first.close() }

        #expect(throws: UnixSocketError.addressInUse(path: path)) { try UnixListener.bind(path: path) }
        #expect(
            UnixSocketError.addressInUse(path: path).description.contains("another process is listening on \(path)")
        )

        let client = try UnixConnection.connect(path: path, timeout: .seconds(5))
        defer { client.close() }
        let server = try #require(try first.accept(timeout: .seconds(5)))
        server.close()
    }

    @Test func aPathTooLongForSunPathIsAnError() throws {
        let path = "/tmp/" + String(repeating: "x", count: 120) + ".sock"
        #expect(throws: UnixSocketError.addressTooLong(address: path, byteCount: path.utf8.count, limit: 107)) {
            try UnixListener.bind(path: path)
        }
        #expect(!fileExists(path))
    }

    @Test func closeUnlinksTheSocketItCreated() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        let listener = try UnixListener.bind(path: path)
        listener.close()
        #expect(!fileExists(path))
        #expect(listener.descriptor == -1)
        listener.close()
    }

    @Test func closeLeavesAFileThatReplacedItsSocket() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("query.sock")
        let listener = try UnixListener.bind(path: path)
        try Posix.unlink(path)
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: path))
        listener.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's")
    }

    @Test func acceptReturnsNilWhenNoClientComesInTime() throws {
        let directory = try ScratchDirectory()
        let listener = try UnixListener.bind(path: directory.file("query.sock"))
        defer { listener.close() }
        #expect(try listener.accept(timeout: .milliseconds(20)) == nil)
    }

    @Test func closeFromAnotherThreadWakesAnAcceptWaitingForever() throws {
        let directory = try ScratchDirectory()
        let listener = try UnixListener.bind(path: directory.file("query.sock"))
        let waiter = PeerThread { Result { try listener.accept(timeout: nil) == nil } }
        // Close only once the waiter is inside accept: its poll is then the thing that must wake up.
        while listener.acceptsInProgress == 0 { usleep(1000) }
        listener.close()
        #expect(try waiter.join().get() == true)
        #expect(try listener.accept(timeout: nil) == nil)
    }
}
