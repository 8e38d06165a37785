import Foundation
import MirrorCore
import MirrorSimulator
import Testing

@testable import MirrorServer

/// `changes` with `follow`, and the one write op, `sync`, through the real scheduler.
@Suite struct QueryServerFollowAndSyncTests {
    @Test func followStreamsAChangeCommittedAfterTheStreamOpened() async throws {
        let fixture = try await QueryServerFixture()
        let head = try #require(try fixture.reader().chainHead())
        let client = try await onThread { try fixture.connect() }
        let id = try await onThread { try client.send("changes", ["follow": true]) }
        // Without a cursor the stream starts at the head: nothing of the past comes first. The server has
        // read the request once its handler has logged it.
        try await onThread {
            while !fixture.log.all.contains(where: { $0.contains("request") && $0.contains("op=changes") }) {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }

        fixture.simulator.editPrompt(.telnyx, id: fixture.simulator.assistantIDs(.telnyx)[0], to: "Streamed prompt.")
        let outcome = await fixture.crawler.crawl(fixture.accounts[2])
        #expect(outcome.succeeded)

        let event = try #require(try await onThread { try client.readReply() })
        #expect(event["id"] == .number(String(id)))
        #expect(event["ok"] == true)
        #expect(event["event"]?["seq"]?.intValue == head.seq + 1)
        #expect(event["event"]?["account"] == "test-telnyx")
        #expect(event["event"]?["change_kind"] == "updated")
        #expect(event["event"]?["prompt_changed"] == true)
    }

    @Test func followFromACursorSendsTheBacklogInOrderFirst() async throws {
        let fixture = try await QueryServerFixture()
        let total = try fixture.count("SELECT count(*) FROM revisions")
        let client = try await onThread { try fixture.connect() }
        try await onThread { try client.send("changes", ["follow": true, "after": 0, "limit": 5]) }
        let events = try await onThread {
            try (0..<total).map { _ in try client.readReply()?["event"]?["seq"]?.intValue }
        }
        #expect(events == Array(1...total))
    }

    @Test func followWithABadParameterGetsAnError() async throws {
        let fixture = try await QueryServerFixture()
        let reply = try await fixture.ask("changes", ["follow": true, "after": "yesterday"])
        #expect(reply["error"]?["code"] == "bad_request")
    }

    @Test func syncWithoutWaitTriggersTheNamedAccounts() async throws {
        let fixture = try await QueryServerFixture()
        let all = try await fixture.result("sync")
        #expect(all["triggered"]?.arrayValue?.count == fixture.accounts.count + 1)
        let one = try await fixture.result("sync", ["accounts": ["test-invent"], "wait": false])
        #expect(one["triggered"] == ["test-invent"])
        let reply = try await fixture.ask("sync", ["accounts": "no-such-account"])
        #expect(reply["error"]?["code"] == "not_found")
        #expect(reply["error"]?["message"]?.stringValue?.contains("no-such-account") == true)
        #expect(try await fixture.errorCode("sync", ["accounts": [1, 2]]) == "bad_request")
        #expect(try await fixture.errorCode("sync", ["wait": "yes"]) == "bad_request")
    }

    @Test func syncWithWaitReturnsTheOutcomesAndStatusShowsThem() async throws {
        let fixture = try await QueryServerFixture()
        let loop = Task { await fixture.scheduler.run() }
        defer { loop.cancel() }
        fixture.simulator.editPrompt(
            .interactly,
            id: fixture.simulator.assistantIDs(.interactly)[0],
            to: "Synced prompt."
        )

        let result = try await fixture.result(
            "sync",
            ["accounts": ["test-interactly", .string(QueryServerFixture.brokenAccount)], "wait": true]
        )
        let outcomes = try #require(result["outcomes"]?.arrayValue)
        #expect(result["triggered"] == ["test-interactly", .string(QueryServerFixture.brokenAccount)])
        #expect(outcomes.first?["status"] == "ok")
        #expect(outcomes.first?["updated"] == 1)
        #expect(outcomes.last?["status"] != "ok")
        let error = try #require(outcomes.last?["error"]?.stringValue)
        #expect(!error.contains("not-the-telnyx-key"))

        let status = try await fixture.result("status")
        let broken = status["accounts"]?.arrayValue?.first {
            $0["account"] == .string(QueryServerFixture.brokenAccount)
        }
        #expect(broken?["consecutive_failures"] == 1)
        #expect(broken?["last_crawl_status"] == outcomes.last?["status"])
        let shown = try await fixture.result(
            "show",
            ["assistant": .string("test-interactly/\(fixture.simulator.assistantIDs(.interactly)[0])")]
        )
        #expect(shown["prompt"] == "Synced prompt.")
    }

    @Test func syncPermissionAdmitsOnlyTheGroupRootAndTheDaemonUser() throws {
        let open = try SyncPermission(groupName: nil)
        #expect(open.allows(nil))
        #expect(open.allows(PeerCredentials(pid: 1, uid: 65534, gid: 65534)))

        // `nobody` is in no group but nogroup on any Debian-like system; gid 4 is `adm`.
        let limited = try SyncPermission(groupName: "adm")
        #expect(!limited.allows(PeerCredentials(pid: 1, uid: 65534, gid: 65534)))
        #expect(!limited.allows(nil))
        #expect(limited.allows(PeerCredentials(pid: 1, uid: 65534, gid: 4)))
        #expect(limited.allows(PeerCredentials(pid: 1, uid: 0, gid: 65534)))
        #expect(limited.allows(PeerCredentials(pid: 1, uid: getuid(), gid: 65534)))
        #expect(throws: SyncPermissionError.self) { try SyncPermission(groupName: "no-such-group-here") }
    }
}
