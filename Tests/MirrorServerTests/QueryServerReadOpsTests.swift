import Foundation
import MirrorCore
import MirrorStore
import Testing

@testable import MirrorServer

/// Every read op over a real socket, against a database the crawler filled from the simulator.
@Suite struct QueryServerReadOpsTests {
    @Test func statusReportsAccountsScheduleAndChainHead() async throws {
        let fixture = try await QueryServerFixture()
        let status = try await fixture.result("status")
        let accounts = try #require(status["accounts"]?.arrayValue)
        let names = accounts.compactMap { $0["account"]?.stringValue }
        #expect(Set(names) == Set(fixture.accounts.map(\.name) + [QueryServerFixture.brokenAccount]))

        let puretalk = try #require(accounts.first { $0["account"] == "test-puretalk" })
        #expect(puretalk["provider"] == "puretalk")
        #expect(puretalk["assistants"]?.intValue == 4)
        #expect(puretalk["last_crawl_status"] == "ok")
        #expect(puretalk["breaker"] == "closed")
        #expect(puretalk["consecutive_failures"]?.intValue == 0)
        #expect(puretalk["configured"] == true)
        #expect(puretalk["running"] == false)
        #expect(Timestamp.normalize(try #require(puretalk["next_crawl_at"]?.stringValue)) != nil)
        let invent = try #require(accounts.first { $0["account"] == "test-invent" })
        #expect(invent["assistants"]?.intValue == 3)
        #expect(invent["deleted_assistants"]?.intValue == 1)
        // Configured but never crawled: known from the scheduler only.
        let broken = try #require(accounts.first { $0["account"] == .string(QueryServerFixture.brokenAccount) })
        #expect(broken["provider"] == "telnyx")
        #expect(broken["last_crawl_status"] == nil)

        let head = try #require(try fixture.reader().chainHead())
        #expect(status["chain_head"]?["seq"]?.intValue == head.seq)
        #expect(status["chain_head"]?["hash"]?.stringValue == head.hash)
        #expect(status["revisions"]?.intValue == (try fixture.count("SELECT count(*) FROM revisions")))
        #expect(status["daemon"]?["pid"]?.intValue == Int(getpid()))
        #expect(status["database"]?.stringValue == fixture.store.path)
    }

    @Test func listFiltersByProviderAccountTextAndDeletion() async throws {
        let fixture = try await QueryServerFixture()
        let live = try fixture.count("SELECT count(*) FROM assistants_current WHERE deleted_at IS NULL")
        let all = try await fixture.result("list")["assistants"]?.arrayValue ?? []
        #expect(all.count == live)
        #expect(!all.contains { $0["remote_id"] == .string(fixture.deletedID) })

        let withDeleted = try await fixture.result("list", ["include_deleted": true])["assistants"]?.arrayValue ?? []
        #expect(withDeleted.count == live + 1)
        let deleted = try #require(withDeleted.first { $0["remote_id"] == .string(fixture.deletedID) })
        #expect(deleted["deleted_at"]?.stringValue != nil)

        let invent = try await fixture.result("list", ["provider": "invent"])["assistants"]?.arrayValue ?? []
        #expect(invent.count == 3)
        #expect(invent.allSatisfy { $0["provider"] == "invent" })

        let twin =
            try await fixture.result("list", ["account": .string(QueryServerFixture.twinAccount)])["assistants"]?
            .arrayValue ?? []
        #expect(twin.count == 4)
        #expect(twin.allSatisfy { $0["account"] == .string(QueryServerFixture.twinAccount) })

        // Only test-puretalk saw the third prompt; the match ignores case.
        let found = try await fixture.result("list", ["text": "ZEBRA-quokka"])["assistants"]?.arrayValue ?? []
        #expect(found.map { $0["account"] } == ["test-puretalk"])
        #expect(found.map { $0["remote_id"] } == [.string(fixture.editedID)])
        // Taken literally: a LIKE wildcard matches nothing.
        #expect(try await fixture.result("list", ["text": "%"])["assistants"]?.arrayValue?.isEmpty == true)
    }

    @Test func listPagesWithLimitAndOffset() async throws {
        let fixture = try await QueryServerFixture()
        let all = try await fixture.result("list", ["limit": 1000])["assistants"]?.arrayValue ?? []
        #expect(all.count > 10)
        var paged: [JSONValue] = []
        var offset = 0
        while true {
            let page = try await fixture.result("list", ["limit": 4, "offset": .number(String(offset))])
            #expect(page["limit"] == 4)
            #expect(page["offset"]?.intValue == offset)
            let rows = page["assistants"]?.arrayValue ?? []
            #expect(rows.count <= 4)
            paged += rows
            if rows.count < 4 { break }
            offset += 4
        }
        #expect(paged == all)
        #expect(try await fixture.errorCode("list", ["limit": 0]) == "bad_request")
        #expect(try await fixture.errorCode("list", ["limit": 1001]) == "bad_request")
        #expect(try await fixture.errorCode("list", ["offset": -1]) == "bad_request")
    }

    @Test func showGivesTheCurrentStateAndSnapshot() async throws {
        let fixture = try await QueryServerFixture()
        let shown = try await fixture.result("show", ["assistant": .string("test-puretalk/\(fixture.editedID)")])
        #expect(shown["account"] == "test-puretalk")
        #expect(shown["remote_id"] == .string(fixture.editedID))
        #expect(shown["prompt"] == .string(QueryServerFixture.thirdPrompt))
        #expect(shown["prompt"]?.stringValue == fixture.simulator.mainPrompt(.puretalk, id: fixture.editedID))
        #expect(shown["revision"] == 3)
        #expect(shown["deleted_at"] == .null)
        #expect(shown["snapshot"]?["timezone"] == "Europe/Oslo")
        #expect(shown["snapshot"]?["prompt"] == .string(QueryServerFixture.thirdPrompt))

        let gone = try await fixture.result("show", ["assistant": .string("test-invent/\(fixture.deletedID)")])
        #expect(gone["deleted_at"]?.stringValue != nil)
    }

    @Test func historyListsEveryRevisionWithChangedFields() async throws {
        let fixture = try await QueryServerFixture()
        let history = try await fixture.result("history", ["assistant": .string("test-puretalk/\(fixture.editedID)")])
        #expect(history["assistant"]?["remote_id"] == .string(fixture.editedID))
        #expect(history["assistant"]?["revision"] == 3)
        let revisions = try #require(history["revisions"]?.arrayValue)
        #expect(revisions.map { $0["revision"] } == [1, 2, 3])
        #expect(revisions.map { $0["change_kind"] } == ["created", "updated", "updated"])
        let second = revisions[1]["changed_fields"]?.arrayValue ?? []
        #expect(second.contains("prompt") && second.contains("timezone"))
        #expect(revisions[2]["changed_fields"]?.arrayValue?.contains("timezone") == false)
        #expect(revisions.dropFirst().allSatisfy { $0["prompt_changed"] == true })
        #expect(revisions[2]["previous_observed_at"] == revisions[1]["observed_at"])

        let deleted = try await fixture.result("history", ["assistant": .string("test-invent/\(fixture.deletedID)")])
        #expect(deleted["revisions"]?.arrayValue?.map { $0["change_kind"] } == ["created", "deleted"])
    }

    /// `limit` pages the history newest first; `next_before` continues it and is null on the last page.
    @Test func historyPagesWithLimitAndBefore() async throws {
        let fixture = try await QueryServerFixture()
        let assistant = JSONValue.string("test-puretalk/\(fixture.editedID)")
        let newest = try await fixture.result("history", ["assistant": assistant, "limit": 2])
        #expect(newest["revisions"]?.arrayValue?.map { $0["revision"] } == [2, 3])
        #expect(newest["next_before"] == 2)
        let rest = try await fixture.result("history", ["assistant": assistant, "limit": 2, "before": 2])
        #expect(rest["revisions"]?.arrayValue?.map { $0["revision"] } == [1])
        #expect(rest["next_before"] == .null)
        #expect(rest["assistant"]?["revision"] == 3)
    }

    @Test func diffDefaultsToTheLastTwoRevisions() async throws {
        let fixture = try await QueryServerFixture()
        let label = "test-puretalk/\(fixture.editedID)"
        let diff = try await fixture.result("diff", ["assistant": .string(label)])
        #expect(diff["from"] == 2)
        #expect(diff["to"] == 3)
        #expect(diff["assistant"] == .string(label))
        #expect(diff["old_prompt"] == .string(QueryServerFixture.secondPrompt))
        #expect(diff["new_prompt"] == .string(QueryServerFixture.thirdPrompt))
        let unified = try #require(diff["prompt_diff"]?.stringValue)
        let lines = unified.split(separator: "\n").map(String.init)
        #expect(lines.contains("--- \(label) revision 2"))
        #expect(lines.contains("+++ \(label) revision 3"))
        #expect(lines.contains("-Confirm the date."))
        #expect(lines.contains("+Confirm the date and the zebra-quokka code."))
        #expect(lines.contains(" You are the booking desk."))
        #expect(lines.contains { $0.hasPrefix("@@") })
        let fields = diff["fields"]?.arrayValue ?? []
        // The edit bumped the provider's updated_at too; only the prompt is prompt-bearing.
        #expect(fields.compactMap { $0["path"]?.stringValue }.sorted() == ["prompt", "updated_at"])
        #expect(fields.filter { $0["prompt_bearing"] == true }.map { $0["path"] } == ["prompt"])
    }

    @Test func diffBetweenExplicitRevisionsShowsOtherFields() async throws {
        let fixture = try await QueryServerFixture()
        let assistant = JSONValue.string("test-puretalk/\(fixture.editedID)")
        let diff = try await fixture.result("diff", ["assistant": assistant, "from": 1, "to": 2])
        #expect(diff["from"] == 1 && diff["to"] == 2)
        #expect(diff["new_prompt"] == .string(QueryServerFixture.secondPrompt))
        let fields = diff["fields"]?.arrayValue ?? []
        let timezone = try #require(fields.first { $0["path"] == "timezone" })
        #expect(timezone["prompt_bearing"] == false)
        #expect(timezone["new_value"]?.stringValue?.contains("Europe/Oslo") == true)
        #expect(timezone["old_value"]?.stringValue?.contains("Europe/Oslo") == false)

        // `to` alone compares with the revision before it.
        let onlyTo = try await fixture.result("diff", ["assistant": assistant, "to": 2])
        #expect(onlyTo["from"] == 1 && onlyTo["to"] == 2)
        // Backwards works too: the diff is from the older text's point of view of `from`.
        let backwards = try await fixture.result("diff", ["assistant": assistant, "from": 3, "to": 1])
        #expect(backwards["old_prompt"] == .string(QueryServerFixture.thirdPrompt))

        // A revision the assistant does not have is not found, in the question's words (issue 13 item 9);
        // a number that is not an integer is still a malformed request.
        let missing = try await fixture.ask("diff", ["assistant": assistant, "to": 4])
        #expect(missing["error"]?["code"] == "not_found")
        #expect(
            missing["error"]?["message"]?.stringValue
                == "no revision 4 of assistant test-puretalk/\(fixture.editedID) (it has revisions 1–3)"
        )
        #expect(try await fixture.errorCode("diff", ["assistant": assistant, "from": 0, "to": 2]) == "not_found")
        #expect(try await fixture.errorCode("diff", ["assistant": assistant, "to": "four"]) == "bad_request")
        // An assistant seen once has nothing to compare.
        let unchanged = JSONValue.string("test-telnyx/\(fixture.simulator.assistantIDs(.telnyx)[0])")
        let lonely = try await fixture.ask("diff", ["assistant": unchanged])
        #expect(lonely["error"]?["code"] == "not_found")
        #expect(lonely["error"]?["message"]?.stringValue?.hasPrefix("nothing to compare: ") == true)
    }

    @Test func changesPageWithCursorSinceAndLimit() async throws {
        let fixture = try await QueryServerFixture()
        let total = try fixture.count("SELECT count(*) FROM revisions")
        let all = try await fixture.result("changes", ["limit": 1000])
        let rows = try #require(all["changes"]?.arrayValue)
        #expect(rows.count == total)
        let seqs = rows.compactMap { $0["seq"]?.intValue }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
        #expect(all["next_after"]?.intValue == seqs.last)

        var cursor = 0
        var walked: [JSONValue] = []
        while true {
            let page = try await fixture.result("changes", ["after": .number(String(cursor)), "limit": 5])
            let pageRows = page["changes"]?.arrayValue ?? []
            #expect(pageRows.count <= 5)
            walked += pageRows
            let next = try #require(page["next_after"]?.intValue)
            if pageRows.isEmpty {
                #expect(next == cursor)
                break
            }
            cursor = next
        }
        #expect(walked == rows)

        let recent =
            try await fixture.result("changes", ["since": .string(fixture.beforeDeletion)])["changes"]?.arrayValue ?? []
        #expect(recent.map { $0["change_kind"] } == ["deleted"])
        #expect(recent.first?["remote_id"] == .string(fixture.deletedID))
        #expect(recent.first?["account"] == "test-invent")

        let twin =
            try await fixture.result("changes", ["account": .string(QueryServerFixture.twinAccount)])["changes"]?
            .arrayValue ?? []
        #expect(twin.count == 4)
        #expect(try await fixture.errorCode("changes", ["since": "last tuesday"]) == "bad_request")
    }

    /// `changes` reads a page's changed fields with one scan over the span of its seqs; with an account
    /// filter that span holds other accounts' revisions, which must not leak into a row. The twin
    /// account's update lands between two of test-puretalk's updates, so pages of 5 of either account
    /// span a revision of the other that has fields. Each row is checked against its own revision's
    /// fields, read one revision at a time.
    @Test func changesCarryEachRevisionsOwnChangedFields() async throws {
        let fixture = try await QueryServerFixture()
        #expect(try await fixture.crawler.crawl(fixture.accounts[4]).succeeded)
        fixture.simulator.editPrompt(.puretalk, id: fixture.editedID, to: "You are the night desk.")
        #expect(try await fixture.crawler.crawl(fixture.accounts[0]).succeeded)
        let reader = try fixture.reader()
        var checked: [JSONValue] = []
        let twin = JSONValue.string(QueryServerFixture.twinAccount)
        for filter: [String: JSONValue] in [[:], ["account": "test-puretalk"], ["account": twin]] {
            for limit in [2, 5] {
                var cursor = 0
                while true {
                    let page = try await fixture.result(
                        "changes",
                        filter.merging(["after": .number(String(cursor)), "limit": .number(String(limit))]) { $1 }
                    )
                    let rows = page["changes"]?.arrayValue ?? []
                    if rows.isEmpty { break }
                    for row in rows {
                        let seq = try #require(row["seq"]?.intValue)
                        if let account = filter["account"] { #expect(row["account"] == account) }
                        let paths = try reader.scalarString(
                            "SELECT json_group_array(path) FROM (SELECT path FROM revision_fields WHERE revision_seq = ? ORDER BY path)",
                            [seq]
                        )
                        let bearing = try reader.scalarInt(
                            "SELECT count(*) FROM revision_fields WHERE revision_seq = ? AND prompt_bearing = 1",
                            [seq]
                        )
                        #expect(row["changed_fields"] == (try JSONParser.parse(paths ?? "")), "seq \(seq)")
                        #expect(row["prompt_changed"] == .bool((bearing ?? 0) > 0), "seq \(seq)")
                    }
                    checked += rows
                    cursor = try #require(page["next_after"]?.intValue)
                }
            }
        }
        #expect(checked.count > 20)
        #expect(checked.contains { $0["changed_fields"]?.arrayValue?.count ?? 0 > 1 && $0["prompt_changed"] == true })
        #expect(checked.contains { $0["account"] == twin && $0["change_kind"] == "updated" })
    }

    @Test func reportListsPromptChangesWithTheChainHead() async throws {
        let fixture = try await QueryServerFixture()
        let report = try await fixture.result("report", ["kind": "prompts"])
        #expect(report["kind"] == "prompts")
        #expect(report["verify"]?["ok"] == true)
        let head = try #require(try fixture.reader().chainHead())
        #expect(report["chain_head"]?["seq"]?.intValue == head.seq)
        let rows = try #require(report["rows"]?.arrayValue)
        let edited = rows.filter { $0["remote_id"] == .string(fixture.editedID) && $0["account"] == "test-puretalk" }
        let updates = edited.filter { $0["change_kind"] == "updated" }
        #expect(updates.map { $0["revision"] } == [2, 3])
        #expect(updates.last?["old_prompt"] == .string(QueryServerFixture.secondPrompt))
        #expect(updates.last?["new_prompt"] == .string(QueryServerFixture.thirdPrompt))
        for key in [
            "provider", "observed_at", "previous_observed_at", "provider_updated_at", "changed_by", "actor_hint",
        ] {
            #expect(updates.last?[key] != nil, "report rows carry \(key)")
        }

        let later = try await fixture.result("report", ["since": .string(fixture.beforeDeletion)])
        #expect(later["since"] == .string(fixture.beforeDeletion))
        #expect(later["rows"]?.arrayValue?.allSatisfy { $0["remote_id"] == .string(fixture.deletedID) } == true)
        let before = try await fixture.result("report", ["until": "2000-01-01"])
        #expect(before["rows"]?.arrayValue?.isEmpty == true)
        #expect(try await fixture.errorCode("report", ["kind": "costs"]) == "bad_request")
    }

    @Test func verifyChecksTheChainAndAnAnchoredHead() async throws {
        let fixture = try await QueryServerFixture()
        let total = try fixture.count("SELECT count(*) FROM revisions")
        let plain = try await fixture.result("verify")
        #expect(plain["ok"] == true)
        #expect(plain["checked"]?.intValue == total)
        #expect(plain["problem"] == .null)
        let seq = try #require(plain["head"]?["seq"]?.intValue)
        let hash = try #require(plain["head"]?["hash"]?.stringValue)

        let anchored = try await fixture.result("verify", ["head": .string("\(seq):\(hash)")])
        #expect(anchored["ok"] == true)
        let wrongHash = try await fixture.result(
            "verify",
            ["head": .string("\(seq):" + String(repeating: "0", count: 64))]
        )
        #expect(wrongHash["ok"] == false)
        #expect(wrongHash["problem"] != .null)
        // A head past the end: the tail that held it has been cut.
        let cutTail = try await fixture.result("verify", ["head": .string("\(seq + 5):\(hash)")])
        #expect(cutTail["ok"] == false)
        #expect(try await fixture.errorCode("verify", ["head": "42"]) == "bad_request")
        #expect(try await fixture.errorCode("verify", ["head": 42]) == "bad_request")
    }

    @Test func assistantIDForms() async throws {
        let fixture = try await QueryServerFixture()
        let inventID = fixture.simulator.assistantIDs(.invent)[0]
        let byAccount = try await fixture.result("show", ["assistant": .string("test-invent/\(inventID)")])
        // A bare remote id is enough when one account has it.
        let bare = try await fixture.result("show", ["assistant": .string(inventID)])
        #expect(bare == byAccount)
        // The local id from `list`.
        let localID = try #require(byAccount["id"]?.intValue)
        let local = try await fixture.result("history", ["assistant": .string(String(localID))])
        #expect(local["assistant"]?["remote_id"] == .string(inventID))

        // Every PureTalk id is in test-puretalk and its twin.
        let ambiguous = try await fixture.ask("show", ["assistant": .string(fixture.editedID)])
        #expect(ambiguous["ok"] == false)
        #expect(ambiguous["error"]?["code"] == "ambiguous")
        let message = ambiguous["error"]?["message"]?.stringValue ?? ""
        #expect(
            message.contains("test-puretalk/\(fixture.editedID)")
                && message.contains("twin-puretalk/\(fixture.editedID)")
        )
        let twin = try await fixture.result("show", ["assistant": .string("twin-puretalk/\(fixture.editedID)")])
        #expect(twin["revision"] == 1)

        for missing in ["test-invent/no-such-id", "no-such-id", "nobody/\(inventID)", "999999"] {
            for op in ["show", "history", "diff"] {
                #expect(
                    try await fixture.errorCode(op, ["assistant": .string(missing)]) == "not_found",
                    "\(op) \(missing)"
                )
            }
        }
        #expect(try await fixture.errorCode("show") == "bad_request")
        #expect(try await fixture.errorCode("show", ["assistant": ""]) == "bad_request")
    }
}
