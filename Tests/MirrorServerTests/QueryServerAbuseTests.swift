import Foundation
import Glibc
import MirrorCore
import MirrorProtocol
import Testing

@testable import MirrorServer

/// Bad and hostile clients (reliability.md §7, checks 20 and 22): each bad request gets a structured
/// error on a connection that stays usable; only a framing error closes it; the server survives the rest.
@Suite struct QueryServerAbuseTests {
    @Test func badRequestsGetStructuredErrorsOnAConnectionThatStaysOpen() async throws {
        let fixture = try await QueryServerFixture()
        let client = try await onThread { try fixture.connect() }
        let cases: [(line: String, code: String, id: JSONValue)] = [
            ("{not json", "bad_request", .null),
            ("[1,2,3]", "bad_request", .null),
            ("\"status\"", "bad_request", .null),
            (#"{"v":1,"id":3,"op":"launch"}"#, "unknown_op", 3),
            (#"{"v":1,"id":"x","op":42}"#, "bad_request", "x"),
            (#"{"v":1,"id":4}"#, "bad_request", 4),
            (#"{"v":2,"id":5,"op":"status"}"#, "unsupported_version", 5),
            (#"{"v":"1","id":6,"op":"status"}"#, "unsupported_version", 6),
            (#"{"v":1,"id":[1],"op":"status"}"#, "bad_request", .null),
            (#"{"v":1,"id":7,"op":"list","limit":"ten"}"#, "bad_request", 7),
            (#"{"v":1,"id":8,"op":"list","limit":2.5}"#, "bad_request", 8),
            (#"{"v":1,"id":9,"op":"list","include_deleted":"yes"}"#, "bad_request", 9),
            (#"{"v":1,"id":10,"op":"list","provider":["invent"]}"#, "bad_request", 10),
            (#"{"v":1,"id":11,"op":"show","assistant":17}"#, "bad_request", 11),
            (#"{"v":1,"id":12,"op":"changes","after":-1}"#, "bad_request", 12),
            (#"{"v":1,"id":13,"op":"report","since":"soon"}"#, "bad_request", 13),
            ("{\"v\":1,\"id\":14,\"op\":\"status\",\"x\":\"\u{1}\"}", "bad_request", .null),
        ]
        for testCase in cases {
            let reply = try #require(
                try await onThread {
                    try client.send(line: testCase.line); return try client.readReply()
                }
            )
            #expect(reply["ok"] == false, "\(testCase.line)")
            #expect(reply["v"] == 1)
            #expect(reply["id"] == testCase.id, "\(testCase.line)")
            #expect(reply["error"]?["code"] == .string(testCase.code), "\(testCase.line)")
            #expect((reply["error"]?["message"]?.stringValue?.count ?? 0) > 10)
        }
        // Blank lines are skipped; the connection still answers.
        try await onThread { try client.send(line: "  ") }
        let after = try await onThread { try client.request("status") }
        #expect(after["ok"] == true)
    }

    @Test func unknownOpErrorListsTheOps() async throws {
        let fixture = try await QueryServerFixture()
        let reply = try await fixture.ask("launch")
        let message = reply["error"]?["message"]?.stringValue ?? ""
        for op in QueryOperation.allCases { #expect(message.contains(op.rawValue)) }
    }

    @Test func deeplyNestedJSONIsRejectedWithoutACrash() async throws {
        let fixture = try await QueryServerFixture()
        let client = try await onThread { try fixture.connect() }
        let depth = 10_000
        let nested =
            #"{"v":1,"id":1,"op":"status","x":"# + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "}"
        let reply = try #require(
            try await onThread {
                try client.send(line: nested); return try client.readReply()
            }
        )
        #expect(reply["error"]?["code"] == "bad_request")
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        let second = try #require(
            try await onThread {
                try client.send(line: objects); return try client.readReply()
            }
        )
        #expect(second["error"]?["code"] == "bad_request")
        #expect(try await onThread { try client.request("status") }["ok"] == true)
    }

    @Test func aLineOverTheLimitGetsAnErrorAndTheConnectionCloses() async throws {
        let fixture = try await QueryServerFixture()
        let client = try await onThread { try fixture.connect() }
        // 1 MiB without a newline: the server stops reading at the limit, answers and closes.
        let flood = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        _ = try? await onThread { try client.send(raw: flood) }
        let reply = try #require(try await onThread { try client.readReply() })
        #expect(reply["error"]?["code"] == "too_large")
        #expect(reply["error"]?["message"]?.stringValue?.contains("65536") == true)
        #expect(try await onThread { try client.isClosedByServer() })

        // Exactly at the limit is still a request (a bad one, but framed).
        let prefix = #"{"v":1,"id":1,"op":"status","pad":""#
        let atLimit = prefix + String(repeating: " ", count: 64 * 1024 - prefix.utf8.count - 2) + #""}"#
        #expect(atLimit.utf8.count == 64 * 1024)
        let fresh = try await onThread { try fixture.connect() }
        let framed = try #require(
            try await onThread {
                try fresh.send(line: atLimit); return try fresh.readReply()
            }
        )
        #expect(framed["ok"] == true)
        #expect(try await fixture.ask("status")["ok"] == true)
    }

    @Test func aClientThatHangsUpMidReplyDoesNotHurtTheServer() async throws {
        let fixture = try await QueryServerFixture()
        for _ in 0..<5 {
            try await onThread {
                let client = try fixture.connect()
                // Replies to 200 pipelined requests are far more than a socket buffer holds: the server is
                // still writing when the client is gone, and gets EPIPE (never SIGPIPE, which would end
                // this test process).
                for _ in 0..<200 { try client.send("changes", ["limit": 1000]) }
                client.connection.close()
            }
        }
        #expect(try await fixture.ask("status")["ok"] == true)
        try await onThread {
            while fixture.server.connectionCount > 0 { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(fixture.server.isAlive)
        #expect(fixture.log.all.contains { $0.contains("client went away mid-reply") })
    }

    @Test func aDribblingClientIsCutOffAtTheLineDeadline() async throws {
        var limits = QueryServer.Limits()
        limits.lineTimeout = .milliseconds(300)
        let fixture = try await QueryServerFixture(limits: limits)
        let client = try await onThread { try fixture.connect() }
        // One byte every 100 ms: each arrives well within any per-read timeout, the whole line never does.
        let closed = try await onThread { () -> Bool in
            for byte in Array(#"{"v":1,"id":1,"op":"status"}"#.utf8) {
                do {
                    try client.send(raw: [byte])
                } catch {
                    return true
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return try client.isClosedByServer()
        }
        #expect(closed)
        #expect(try await fixture.ask("status")["ok"] == true)
    }

    @Test func connectionBeyondTheLimitIsRefusedWithBusy() async throws {
        var limits = QueryServer.Limits()
        limits.maxConnections = 64
        // Held connections sit idle while the others are opened; on a loaded machine that can outlast the
        // 30 s line deadline, which is not what this test is about.
        limits.lineTimeout = .seconds(600)
        let fixture = try await QueryServerFixture(limits: limits)
        // 64 connections that each got an answer are admitted and held open.
        let held = try await onThread { () -> [QueryClient] in
            try (0..<64).map { _ in
                let client = try fixture.connect()
                guard try client.request("verify")["ok"] == true else {
                    throw FixtureError("admitted connection failed")
                }
                return client
            }
        }
        #expect(fixture.server.connectionCount == 64)
        let refused = try await onThread { try fixture.connect().readReply() }
        #expect(refused?["ok"] == false)
        #expect(refused?["error"]?["code"] == "busy")
        for client in held { client.connection.close() }
        try await onThread {
            while fixture.server.connectionCount > 0 { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(try await fixture.ask("status")["ok"] == true)
    }

    @Test func thirtyTwoConcurrentClientsMakeNoErrors() async throws {
        let fixture = try await QueryServerFixture()
        let edited = JSONValue.string("test-puretalk/\(fixture.editedID)")
        let requests: [(String, [String: JSONValue])] = [
            ("status", [:]), ("list", ["limit": 5]), ("show", ["assistant": edited]),
            ("history", ["assistant": edited]),
            ("diff", ["assistant": edited]), ("changes", ["limit": 20]), ("report", [:]), ("verify", [:]),
        ]
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for clientIndex in 0..<32 {
                group.addTask {
                    try await onThread {
                        let client = try fixture.connect()
                        var failures: [String] = []
                        for requestIndex in 0..<50 {
                            let (op, parameters) = requests[(clientIndex + requestIndex) % requests.count]
                            let reply = try client.request(op, parameters)
                            if reply["ok"] != true { failures.append("\(op): \(reply.canonicalText)") }
                        }
                        return failures
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}
