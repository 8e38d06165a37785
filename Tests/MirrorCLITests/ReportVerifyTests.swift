import Foundation
import MirrorCore
import MirrorProtocol
import MirrorServer
import MirrorStore
import Testing

@testable import MirrorCLI

/// The report side of reliability.md check 23: every format carries the chain head and the verify
/// result, a report over an edited history says so in every format, and the command exits 1.
@Suite struct ReportVerifyTests {
    static func database() async throws -> ReportTestDatabase {
        let database = try ReportTestDatabase(seed: 31)
        try await database.mirrorRandomRounds(3, editsPerRound: 5)
        return database
    }

    /// A revision in the middle of the chain that carries a prompt (in its snapshot or as a copy,
    /// migration 0007: `revision_contents` reads either).
    static func middleRevision(_ database: ReportTestDatabase) throws -> Int {
        let reader = try database.store.openReader()
        let count = try reader.revisionCount()
        return try #require(
            try reader.scalarInt(
                "SELECT seq FROM revision_contents WHERE prompt IS NOT NULL AND seq >= ? ORDER BY seq LIMIT 1",
                [count / 2]
            )
        )
    }

    /// What each format says about verification, for a report whose verify found `problemSeq`.
    static func expectEveryFormatSaysBroken(
        _ database: ReportTestDatabase,
        _ result: JSONValue,
        at problemSeq: Int
    ) throws {
        #expect(result["verify"]?["ok"]?.boolValue == false)
        #expect(result["verify"]?["problem"]?["seq"]?.intValue == problemSeq)
        for format in [ReportRenderer.Format.text, .markdown, .html] {
            let output = try database.render(result, as: format)
            #expect(output.contains("BROKEN at seq \(problemSeq)"), "\(format) says verify failed")
            #expect(!output.contains("intact"), "\(format)")
        }
        let csv = database.directory + "/broken.csv"
        try Data(database.render(result, as: .csv).utf8).write(to: URL(fileURLWithPath: csv))
        let records = try IndependentReader.pythonCSV(csv)
        let verified = try #require(records[0].firstIndex(of: "report_verified".bytes))
        #expect(records.count > 1)
        #expect(records.dropFirst().allSatisfy { $0[verified] == "false".bytes })
        let json = try JSONParser.parse(Data(database.render(result, as: .json).utf8))
        #expect(json["verify"]?["ok"]?.boolValue == false)
    }

    @Test func everyFormatCarriesTheHeadAndAnIntactVerify() async throws {
        let database = try await Self.database()
        let result = try database.report()
        let head = try ReportFormatTests.chainHead(result)
        #expect(head.hasPrefix("\(try database.store.openReader().revisionCount()):"))
        #expect(result["verify"]?["ok"]?.boolValue == true)
        #expect(result["verify"]?["head"] == result["chain_head"])
        for format in [ReportRenderer.Format.text, .markdown, .html] {
            let output = try database.render(result, as: format)
            #expect(output.contains(head) && output.contains("intact"), "\(format)")
        }
        let csv = database.directory + "/ok.csv"
        try Data(database.render(result, as: .csv).utf8).write(to: URL(fileURLWithPath: csv))
        let records = try IndependentReader.pythonCSV(csv)
        let headColumn = try #require(records[0].firstIndex(of: "report_chain_head".bytes))
        let verifiedColumn = try #require(records[0].firstIndex(of: "report_verified".bytes))
        #expect(records.dropFirst().allSatisfy { $0[headColumn] == head.bytes && $0[verifiedColumn] == "true".bytes })
    }

    @Test func anEditedRevisionFailsTheReportAndTheCommandExitsOne() async throws {
        let database = try await Self.database()
        let server = try ReportSocketServer(database: database)
        defer { server.stop() }
        let before = database.directory + "/before.csv"
        #expect(try await server.runReport(["--format", "csv", "--output", before]) == .ok)

        let seq = try Self.middleRevision(database)
        // The prompt a reader sees, one space longer, written into the prompt column.
        try database.tamper(
            "UPDATE revisions SET prompt = (SELECT c.prompt FROM revision_contents c WHERE c.seq = \(seq)) || ' ' WHERE seq = \(seq)"
        )
        try Self.expectEveryFormatSaysBroken(database, try database.report(), at: seq)
        for format in ReportRenderer.Format.allCases {
            let output = database.directory + "/after.\(format.rawValue)"
            #expect(
                try await server.runReport(["--format", format.rawValue, "--output", output]) == .failure,
                "\(format)"
            )
            #expect(FileManager.default.fileExists(atPath: output), "the report is still written, saying it failed")
        }
    }

    @Test func aDeletedMiddleRevisionFailsTheReport() async throws {
        let database = try await Self.database()
        let seq = try Self.middleRevision(database)
        try database.tamper(
            "DELETE FROM revision_fields WHERE revision_seq = \(seq); DELETE FROM revisions WHERE seq = \(seq)"
        )
        let result = try database.report()
        // The gap shows at the next revision, whose stored prev_hash no longer matches.
        try Self.expectEveryFormatSaysBroken(
            database,
            result,
            at: try #require(result["verify"]?["problem"]?["seq"]?.intValue)
        )
        #expect(result["verify"]?["problem"]?["seq"]?.intValue == seq + 1)
    }

    @Test func aTruncatedTailFailsAReportAnchoredToAnEarlierHead() async throws {
        let database = try await Self.database()
        let anchored = try ReportFormatTests.chainHead(try database.report())
        let last = try #require(try database.store.openReader().chainHead()?.seq)
        try database.tamper(
            "DELETE FROM revision_fields WHERE revision_seq = \(last); DELETE FROM revisions WHERE seq = \(last)"
        )
        // Alone, a shorter chain is self-consistent; that is what the anchored head is for.
        #expect(try database.report()["verify"]?["ok"]?.boolValue == true)
        let result = try database.report(["head": .string(anchored)])
        try Self.expectEveryFormatSaysBroken(database, result, at: last)
        #expect(result["verify"]?["problem"]?["reason"]?.stringValue?.contains("truncated") == true)
    }

    @Test func aMalformedAnchorIsRefused() async throws {
        let database = try await Self.database()
        let reader = try MirrorReader(path: database.path)
        let request = QueryRequest(id: .null, op: "report", parameters: ["head": "12:not-a-hash"])
        guard case .failure(let failure) = QueryHandler(reader: reader, daemon: nil).handle(request, peer: nil) else {
            Issue.record("a malformed head was accepted")
            return
        }
        #expect(failure.code == .badRequest)
        #expect(failure.message.contains("SEQ:HASH"))
    }
}
