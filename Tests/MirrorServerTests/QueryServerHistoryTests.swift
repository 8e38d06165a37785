import Foundation
import MirrorCore
import MirrorProtocol
import Testing

@testable import MirrorServer

/// `history` over a real socket: the summary a request without paging parameters gets, paging with
/// `next_before`, the `limit` form exactly as it was, and the errors for bad parameters.
@Suite struct QueryServerHistoryTests {
    /// Edits one PureTalk assistant `edits` times through the simulator, crawling after each: every
    /// fourth edit changes only the timezone (not prompt-bearing), the others the prompt. Returns its
    /// `account/remote-id` and how many revisions changed the prompt.
    static func lengthen(_ fixture: QueryServerFixture, edits: Int) async throws -> (id: String, promptChanges: Int) {
        let remoteID = fixture.simulator.assistantIDs(.puretalk)[2]
        var promptChanges = 0
        for edit in 1...edits {
            if edit % 4 == 0 {
                fixture.simulator.setField(
                    .puretalk,
                    id: remoteID,
                    path: "timezone",
                    value: "Etc/GMT-\(edit % 12)",
                    bumpUpdatedAt: true
                )
            } else {
                fixture.simulator.editPrompt(.puretalk, id: remoteID, to: "Edit \(edit): greet, then route the call.")
                promptChanges += 1
            }
            let outcome = await fixture.crawler.crawl(fixture.accounts[0])
            #expect(outcome.succeeded && outcome.progress.updated == 1, "edit \(edit): \(outcome.progress)")
        }
        return ("test-puretalk/\(remoteID)", promptChanges)
    }

    static func revisionNumbers(_ result: JSONValue) -> [Int] {
        (result["revisions"]?.arrayValue ?? []).compactMap { $0["revision"]?.intValue }
    }

    @Test func aSummaryCountsTheWholeHistoryAndCarriesTheNewestPage() async throws {
        let fixture = try await QueryServerFixture()
        let (id, promptChanges) = try await Self.lengthen(fixture, edits: 44)
        #expect(promptChanges == 33)
        let summary = try await fixture.result("history", ["assistant": .string(id)])

        #expect(summary["assistant"]?["revision"] == 45)
        #expect(summary["summary"]?["revisions"] == 45)
        #expect(summary["summary"]?["oldest_revision"] == 1)
        #expect(summary["summary"]?["newest_revision"] == 45)
        #expect(summary["summary"]?["prompt_changes"]?.intValue == promptChanges)
        // The newest default page, oldest first as every page, and the cursor to the rest.
        #expect(Self.revisionNumbers(summary) == Array(26...45))
        #expect(summary["next_before"] == 26)

        // The counts agree with the revisions themselves, read page by page.
        var all: [JSONValue] = []
        var before: JSONValue = .null
        repeat {
            let page = try await fixture.result("history", ["assistant": .string(id), "limit": 1000, "before": before])
            all = (page["revisions"]?.arrayValue ?? []) + all
            before = page["next_before"] ?? .null
        } while before != .null
        #expect(all.count == 45)
        #expect(all.filter { $0["prompt_changed"] == true }.count == promptChanges)
        #expect(summary["summary"]?["first_observed_at"] == all.first?["observed_at"])
        #expect(summary["summary"]?["last_observed_at"] == all.last?["observed_at"])
        // The summary's rows are the same entries a page gives.
        #expect(Array(all.suffix(20)) == summary["revisions"]?.arrayValue)

        // A history that fits the default page says there is nothing older.
        let short = try await fixture.result("history", ["assistant": .string("test-puretalk/\(fixture.editedID)")])
        #expect(short["summary"]?["revisions"] == 3)
        #expect(short["summary"]?["prompt_changes"] == 2)
        #expect(Self.revisionNumbers(short) == [1, 2, 3])
        #expect(short["next_before"] == .null)
    }

    @Test func pagingWithNextBeforeVisitsEveryRevisionOnceInOrder() async throws {
        let fixture = try await QueryServerFixture()
        let (id, _) = try await Self.lengthen(fixture, edits: 44)
        for limit in [1, 7, 20, 45, 1000] {
            // From the summary, then pages of `limit` (7 does not divide 45; 45 is exactly one page).
            var seen = Self.revisionNumbers(try await fixture.result("history", ["assistant": .string(id)]))
            var cursor = try await fixture.result("history", ["assistant": .string(id)])["next_before"]
            var pages = 0
            while let next = cursor, next != .null {
                let page = try await fixture.result(
                    "history",
                    ["assistant": .string(id), "limit": JSONValue(limit), "before": next]
                )
                let numbers = Self.revisionNumbers(page)
                #expect(numbers == numbers.sorted(), "a page is oldest first")
                #expect(numbers.allSatisfy { $0 < next.intValue! })
                seen = numbers + seen
                cursor = page["next_before"]
                pages += 1
                #expect(pages <= 45, "the cursor keeps moving back")
                if pages > 45 { break }
            }
            #expect(seen == Array(1...45), "limit \(limit)")
        }
    }

    /// A request with `limit` gets what it got before the summary existed: no summary, the newest
    /// `limit` below `before`, and `next_before` the first revision of a full page (then an empty page).
    @Test func limitRequestsAreAnsweredAsBefore() async throws {
        let fixture = try await QueryServerFixture()
        let assistant = JSONValue.string("test-puretalk/\(fixture.editedID)")
        let page = try await fixture.result("history", ["assistant": assistant, "limit": 3])
        #expect(page.objectValue.map { Set($0.keys) } == ["assistant", "revisions", "next_before", "writes"])
        #expect(Self.revisionNumbers(page) == [1, 2, 3])
        #expect(page["next_before"] == 1)
        let empty = try await fixture.result("history", ["assistant": assistant, "limit": 3, "before": 1])
        #expect(Self.revisionNumbers(empty).isEmpty)
        #expect(empty["next_before"] == .null)
        // `before` alone is a page too, of the default size.
        let below = try await fixture.result("history", ["assistant": assistant, "before": 3])
        #expect(below["summary"] == nil)
        #expect(Self.revisionNumbers(below) == [1, 2])
        #expect(below["next_before"] == .null)
        // The entries are the rows the summary shows, field for field.
        let summary = try await fixture.result("history", ["assistant": assistant])
        #expect(summary["revisions"] == page["revisions"])
        #expect(summary["assistant"] == page["assistant"])
    }

    @Test func badParametersAreRefusedByName() async throws {
        let fixture = try await QueryServerFixture()
        let assistant = JSONValue.string("test-puretalk/\(fixture.editedID)")
        let cases: [(parameters: [String: JSONValue], message: String)] = [
            (
                ["assistant": assistant, "limit": 0],
                #"parameter "limit" of op history should be an integer from 1 to 1000"#
            ),
            (
                ["assistant": assistant, "limit": 1001],
                #"parameter "limit" of op history should be an integer from 1 to 1000"#
            ),
            (
                ["assistant": assistant, "limit": .number("2.5")],
                #"parameter "limit" of op history should be an integer from 1 to 1000"#
            ),
            (
                ["assistant": assistant, "limit": "20"],
                #"parameter "limit" of op history should be an integer, found a string"#
            ),
            (
                ["assistant": assistant, "before": 0],
                #"parameter "before" of op history should be an integer from 1 to"#
            ),
            (
                ["assistant": assistant, "before": -4],
                #"parameter "before" of op history should be an integer from 1 to"#
            ),
            (
                ["assistant": assistant, "before": true],
                #"parameter "before" of op history should be an integer, found"#
            ),
            ([:], #"parameter "assistant" of op history is required"#),
        ]
        for (parameters, message) in cases {
            let reply = try await fixture.ask("history", parameters)
            #expect(reply["ok"] == false)
            #expect(reply["error"]?["code"] == "bad_request", "\(parameters)")
            #expect(reply["error"]?["message"]?.stringValue?.hasPrefix(message) == true, "\(reply.canonicalText)")
        }
        let unknown = try await fixture.ask("history", ["assistant": "test-puretalk/no-such-assistant"])
        #expect(unknown["error"]?["code"] == "not_found")
    }
}
