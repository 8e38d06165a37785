import Foundation
import MirrorCore
import Testing

/// `history ID` of the built binary against a real server: the summary, pages, `--all`, `--json`.
@Suite struct HistoryCommandTests {
    /// The edited assistant gets a third revision (a second prompt edit and one more sync).
    static func fixtureWithThreeRevisions() async throws -> (CLIFixture, String) {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        fixture.simulator.editPrompt(.puretalk, id: fixture.editedID, to: "You answer billing questions.\nBe brief.")
        let sync = try await fixture.run(["sync", "--config", fixture.configurationPath])
        #expect(sync.status == 0, "\(sync.errorOutput)")
        return (fixture, "sim-puretalk/\(fixture.editedID)")
    }

    /// The REV column of each table row, in printed order.
    static func revisions(in output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let first = line.split(separator: " ").first.map(String.init) ?? ""
            return Int(first) != nil && (line.contains(" created ") || line.contains(" updated ")) ? first : nil
        }
    }

    @Test func theSummaryAndTheNewestRevisionsNewestFirst() async throws {
        let (fixture, id) = try await Self.fixtureWithThreeRevisions()
        let run = try await fixture.client(["history", id])
        #expect(run.status == 0, "\(run.errorOutput)")
        #expect(run.output.contains("3 revisions (1-3), observed "))
        #expect(run.output.contains("; 2 changed a prompt"))
        #expect(Self.revisions(in: run.output) == ["3", "2", "1"])
        #expect(run.output.components(separatedBy: "REV ").count == 2, "one header line")
        // Everything fits the default page: no hint about older revisions.
        #expect(!run.errorOutput.contains("--before"))

        let json = try await fixture.client(["history", id, "--json"]).json()
        #expect(json["summary"]?["revisions"] == 3)
        #expect(json["next_before"] == .null)
    }

    @Test func limitAndBeforeShowOnePageAndSayWhereTheRestIs() async throws {
        let (fixture, id) = try await Self.fixtureWithThreeRevisions()
        let newest = try await fixture.client(["history", id, "--limit", "2"])
        #expect(newest.status == 0, "\(newest.errorOutput)")
        #expect(Self.revisions(in: newest.output) == ["3", "2"])
        #expect(!newest.output.contains("changed a prompt"), "a page carries no summary")
        #expect(newest.errorOutput.contains("older: history \(id) --before 2, or --all"))

        // A full page that reaches revision 1 has nothing older to point at.
        let whole = try await fixture.client(["history", id, "--limit", "3"])
        #expect(Self.revisions(in: whole.output) == ["3", "2", "1"])
        #expect(!whole.errorOutput.contains("--before"), "\(whole.errorOutput)")

        let older = try await fixture.client(["history", id, "--before", "2"])
        #expect(Self.revisions(in: older.output) == ["1"])
        #expect(!older.errorOutput.contains("--before"))

        let page = try await fixture.client(["history", id, "--limit", "2", "--json"]).json()
        #expect(page["revisions"]?.arrayValue?.map { $0["revision"] } == [2, 3])
        #expect(page["next_before"] == 2)
        #expect(page["summary"] == nil)
    }

    @Test func allPrintsEveryRevisionOncePageByPage() async throws {
        let (fixture, id) = try await Self.fixtureWithThreeRevisions()
        // Pages of one: three full pages and an empty one, one header.
        let all = try await fixture.client(["history", id, "--all", "--limit", "1"])
        #expect(all.status == 0, "\(all.errorOutput)")
        #expect(Self.revisions(in: all.output) == ["3", "2", "1"])
        #expect(all.output.components(separatedBy: "REV ").count == 2, "one header line")
        #expect(!all.errorOutput.contains("--before"))

        let lines = try await fixture.client(["history", id, "--all", "--limit", "2", "--json"]).output
            .split(separator: "\n")
        let pages = try lines.map { try JSONParser.parse(Array($0.utf8)) }
        #expect(pages.map { $0["revisions"]?.arrayValue?.map { $0["revision"] } ?? [] } == [[2, 3], [1]])
        #expect(pages.map { $0["next_before"] } == [2, .null])

        // Without --limit, --all starts with the summary and needs no second page here.
        let summarized = try await fixture.client(["history", id, "--all"])
        #expect(summarized.output.contains("3 revisions (1-3)"))
        #expect(Self.revisions(in: summarized.output) == ["3", "2", "1"])
    }

    @Test func badPagingOptionsAreUsageErrors() async throws {
        let fixture = try CLIFixture()
        try await fixture.mirrorAndServe()
        let id = "sim-puretalk/\(fixture.editedID)"
        for (arguments, message) in [
            (["--limit", "0"], "--limit takes a whole number from 1 to 1000, not 0"),
            (["--limit", "1001"], "--limit takes a whole number from 1 to 1000, not 1001"),
            (["--before", "0"], "--before takes a whole number from 1 to 2147483647, not 0"),
            (["--before", "two"], "--before takes a whole number, not 'two'"),
        ] {
            let run = try await fixture.client(["history", id] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errorOutput.contains(message), "\(run.errorOutput)")
        }
        let help = try await fixture.run(["history", "--help"])
        #expect(
            help.output.contains("--all") && help.output.contains("--limit N") && help.output.contains("--before REV")
        )
    }
}
