import Foundation
import Glibc
import MirrorCore
import TestSupport
import Testing

@testable import MirrorServer

/// Who may talk to the socket and what is logged about them (reliability.md §7, check 19).
@Suite struct QueryServerAccessTests {
    /// Running a client as another user needs root and setpriv(1); python3 is the smallest client there is.
    static let canSwitchUser =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test func socketFileIsMode0660() async throws {
        let fixture = try await QueryServerFixture()
        #expect(try permissionBits(of: fixture.socketPath) == 0o660)
    }

    @Test func everyRequestIsLoggedWithThePeersUID() async throws {
        let fixture = try await QueryServerFixture()
        _ = try await fixture.ask("verify")
        _ = try await onThread { () -> JSONValue? in
            let client = try fixture.connect()
            try client.send(line: "{oops")
            return try client.readReply()
        }
        let uid = "uid=\(getuid())"
        #expect(fixture.log.all.contains { $0.contains("request") && $0.contains("op=verify") && $0.contains(uid) })
        #expect(fixture.log.all.contains { $0.contains("bad request") && $0.contains(uid) })
    }

    @Test(.enabled(if: canSwitchUser)) func aUserOutsideTheGroupCannotConnect() async throws {
        let fixture = try await QueryServerFixture()
        try Self.openDirectory(fixture)
        let run = try await onThread {
            try Self.runAsNobody(socket: fixture.socketPath, request: #"{"v":1,"id":1,"op":"status"}"#)
        }
        #expect(run.status != 0)
        #expect(run.errorOutput.contains("Permission denied"))
    }

    @Test(.enabled(if: canSwitchUser)) func syncIsForbiddenToAPeerOutsideTheSyncGroup() async throws {
        let fixture = try await QueryServerFixture(syncGroup: "adm")
        try Self.openDirectory(fixture)
        // Let everyone connect, so the op itself has to say no.
        chmod(fixture.socketPath, 0o666)

        let read = try await onThread {
            try Self.runAsNobody(socket: fixture.socketPath, request: #"{"v":1,"id":1,"op":"verify"}"#)
        }
        #expect(try JSONParser.parse(Array(read.output.utf8))["ok"] == true)
        let sync = try await onThread {
            try Self.runAsNobody(socket: fixture.socketPath, request: #"{"v":1,"id":2,"op":"sync"}"#)
        }
        let reply = try JSONParser.parse(Array(sync.output.utf8))
        #expect(reply["error"]?["code"] == "forbidden")
        #expect(reply["error"]?["message"]?.stringValue?.contains("adm") == true)
        #expect(fixture.log.all.contains { $0.contains("op=sync") && $0.contains("uid=65534") })
        // The daemon's own user may.
        #expect(try await fixture.errorCode("sync") == nil)
    }

    /// mkdtemp(3) makes the directory 0700; the socket's own bits must be what decides.
    static func openDirectory(_ fixture: QueryServerFixture) throws {
        guard chmod(fixture.scratch.path, 0o711) == 0 else {
            throw SystemError(call: "chmod", errno: errno, detail: fixture.scratch.path)
        }
    }

    /// Sends one request line as uid/gid 65534 with no supplementary groups; the first reply line.
    static func runAsNobody(
        socket: String,
        request: String
    ) throws -> (status: Int32, output: String, errorOutput: String) {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect(sys.argv[1])
            s.sendall(sys.argv[2].encode() + b"\\n")
            sys.stdout.write(s.makefile().readline())
            """
        let outcome = try ChildProcess.run(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, socket, request]
        )
        return (outcome.status, outcome.outputText, outcome.errorText)
    }
}
