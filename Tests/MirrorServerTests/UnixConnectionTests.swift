import Foundation
import Glibc
import Testing

@testable import MirrorServer

@Suite struct UnixConnectionTests {
    /// A listener in a scratch directory with one connected client and its accepted server end.
    private struct ConnectedPair {
        let directory: ScratchDirectory
        let listener: UnixListener
        let client: UnixConnection
        let server: UnixConnection

        init() throws {
            directory = try ScratchDirectory()
            listener = try UnixListener.bind(path: directory.file("query.sock"))
            client = try UnixConnection.connect(path: directory.file("query.sock"), timeout: .seconds(5))
            server = try #require(try listener.accept(timeout: .seconds(5)))
        }

        var path: String { directory.file("query.sock") }

        func close() {
            client.close()
            server.close()
            listener.close()
        }
    }

    @Test func linesTravelBothWays() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        try pair.client.write(Data("{\"id\":1}\n{\"id\":2}\n".utf8), timeout: .seconds(5))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data("{\"id\":1}".utf8)))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data("{\"id\":2}".utf8)))

        try pair.server.write(Data("{\"ok\":true}\n".utf8), timeout: .seconds(5))
        #expect(try pair.client.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data("{\"ok\":true}".utf8)))
    }

    @Test func aLineSplitAcrossWritesIsReassembled() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        try pair.client.write(Data("par".utf8), timeout: .seconds(5))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .milliseconds(10)) == .timedOut)
        try pair.client.write(Data("tial\n\n".utf8), timeout: .seconds(5))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data("partial".utf8)))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data()))
    }

    @Test func aLineOfExactlyMaxBytesFitsAndOneMoreDoesNot() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        let fits = String(repeating: "a", count: 100)
        try pair.client.write(Data((fits + "\n" + fits + "b\n").utf8), timeout: .seconds(5))
        #expect(try pair.server.readLine(maxBytes: 100, timeout: .seconds(5)) == .line(Data(fits.utf8)))
        #expect(try pair.server.readLine(maxBytes: 100, timeout: .seconds(5)) == .tooLong)
    }

    @Test func aFloodWithoutNewlineIsTooLongLongBeforeItEnds() throws {
        let pair = try ConnectedPair()
        let flood = Data(repeating: UInt8(ascii: "x"), count: 8 << 20)
        let writer = PeerThread { [client = pair.client] in
            systemErrno { try client.write(flood, timeout: .seconds(60)) }
        }
        // If readLine waited for the flood to end it would time out instead: the writer never finishes
        // while nobody reads, because the socket buffer holds far less than 8 MiB.
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(10)) == .tooLong)
        pair.server.close()
        let writerError = writer.join()
        #expect(writerError == EPIPE || writerError == ECONNRESET, "the writer must not have got all 8 MiB out")
        pair.close()
    }

    @Test func theDeadlineCoversTheWholeLineNotEachByte() throws {
        let pair = try ConnectedPair()
        let trickler = PeerThread { [client = pair.client] in
            for _ in 0..<20 {
                guard (try? client.write(Data("a".utf8), timeout: .seconds(5))) != nil else { return }
                usleep(100_000)
            }
            try? client.write(Data("\n".utf8), timeout: .seconds(5))
        }
        // A timeout that restarted with every byte would wait the 2 s out and return the line.
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .milliseconds(300)) == .timedOut)
        pair.server.close()
        trickler.join()
        pair.close()
    }

    @Test func endOfStreamDropsAnUnfinishedLine() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        try pair.client.write(Data("done\nunfinished".utf8), timeout: .seconds(5))
        pair.client.close()
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .line(Data("done".utf8)))
        #expect(try pair.server.readLine(maxBytes: 1024, timeout: .seconds(5)) == .endOfStream)
    }

    @Test func writingToAPeerThatClosedIsEPIPEAndTheProcessSurvives() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        pair.server.close()
        #expect(systemErrno { try pair.client.write(Data("hello?\n".utf8), timeout: .seconds(5)) } == EPIPE)
    }

    @Test func aPeerThatStopsReadingTimesTheWriteOut() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        let reply = Data(repeating: 0x7B, count: 8 << 20)
        #expect(systemErrno { try pair.server.write(reply, timeout: .milliseconds(50)) } == ETIMEDOUT)
    }

    @Test func peerCredentialsNameThisProcess() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        let credentials = try pair.server.peerCredentials()
        #expect(credentials == PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid()))
    }

    @Test func connectingWhereNothingListensFails() throws {
        let directory = try ScratchDirectory()
        #expect(
            systemErrno { _ = try UnixConnection.connect(path: directory.file("none.sock"), timeout: .seconds(5)) }
                == ENOENT
        )

        let stale = directory.file("stale.sock")
        Posix.close(try rawUnixSocket(type: Posix.streamType, boundTo: stale, listening: true))
        #expect(systemErrno { _ = try UnixConnection.connect(path: stale, timeout: .seconds(5)) } == ECONNREFUSED)
    }

    @Test func closeIsIdempotentAndLaterCallsFailCleanly() throws {
        let pair = try ConnectedPair()
        defer { pair.close() }
        pair.client.close()
        pair.client.close()
        #expect(systemErrno { _ = try pair.client.readLine(maxBytes: 10, timeout: .seconds(1)) } == EBADF)
        #expect(systemErrno { try pair.client.write(Data("x".utf8), timeout: .seconds(1)) } == EBADF)
    }
}
