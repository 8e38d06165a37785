import Foundation
import MirrorCore
import MirrorServer
import MirrorSimulator
import Testing

@testable import MirrorCLI

/// The report says exactly what the simulator did: no edit missing, none invented, the right texts,
/// and a period bounds it exactly.
@Suite struct ReportContentTests {
    static func key(_ row: JSONValue) -> String {
        "\(row["account"]?.stringValue ?? "?")/\(row["remote_id"]?.stringValue ?? "?")"
    }

    static func key(_ edit: SimulatedEdit) -> String {
        "audit-\(edit.provider.rawValue)/\(edit.remoteID)"
    }

    @Test func eachRoundReportsExactlyTheSimulatorsPromptEdits() async throws {
        let database = try ReportTestDatabase(seed: 19, assistantsPerProvider: 5)
        try await database.mirrorRandomRounds(6, editsPerRound: 6)
        var checkedKinds: Set<String> = []
        for round in 1...6 {
            let result = try database.report([
                "since": .string(ReportTestDatabase.observedAt(round: round)),
                "until": .string(ReportTestDatabase.observedAt(round: round + 1)),
            ])
            let rows = try #require(result["rows"]?.arrayValue)
            let edits = database.editsByRound[round]
            let promptEdits = edits.filter { $0.kind != .fieldChanged }
            let expected = Set(promptEdits.map(Self.key))
            let reported = Set(rows.map(Self.key))
            #expect(reported == expected, "round \(round): \(promptEdits)")
            #expect(rows.count == Set(rows.map(Self.key)).count, "round \(round): one row per assistant")
            for row in rows {
                let key = Self.key(row)
                let after = try #require(database.promptsAfterRound[round][key], "round \(round): \(key) is known")
                let before = database.promptsAfterRound[round - 1][key] ?? nil
                #expect(row["new_prompt"]?.stringValue?.bytes == after?.bytes, "round \(round): \(key) new_prompt")
                #expect(row["old_prompt"]?.stringValue?.bytes == before?.bytes, "round \(round): \(key) old_prompt")
                #expect(row["observed_at"]?.stringValue == ReportTestDatabase.observedAt(round: round))
                #expect(
                    row["previous_observed_at"]?.stringValue.map { $0 < ReportTestDatabase.observedAt(round: round) }
                        ?? true
                )
                checkedKinds.insert(row["change_kind"]?.stringValue ?? "?")
            }
        }
        #expect(
            checkedKinds.isSuperset(of: ["updated", "created"]),
            "the seed exercises more than edits: \(checkedKinds)"
        )
        let providers = Set(
            try #require(try database.report()["rows"]?.arrayValue).compactMap { $0["provider"]?.stringValue }
        )
        #expect(providers == Set(SimulatedProvider.builtIn.map(\.rawValue)))
    }

    @Test func sinceAndUntilBoundTheRowsExactly() async throws {
        let database = try ReportTestDatabase(seed: 23)
        try await database.mirrorRandomRounds(5, editsPerRound: 6)
        let all = try #require(try database.report()["rows"]?.arrayValue)
        let since = ReportTestDatabase.observedAt(round: 2)
        let until = ReportTestDatabase.observedAt(round: 4)
        let bounded = try #require(
            try database.report(["since": .string(since), "until": .string(until)])["rows"]?.arrayValue
        )
        let expected = all.filter { row in
            row["observed_at"]!.stringValue! >= since && row["observed_at"]!.stringValue! < until
        }
        #expect(bounded == expected)
        // Both edges are exercised: round 2 (at `since`) is in, round 4 (at `until`) is out.
        #expect(bounded.contains { $0["observed_at"]?.stringValue == since })
        #expect(all.contains { $0["observed_at"]?.stringValue == until })
        #expect(!bounded.isEmpty && bounded.count < all.count)

        let onlySince = try #require(try database.report(["since": .string(until)])["rows"]?.arrayValue)
        #expect(onlySince == all.filter { $0["observed_at"]!.stringValue! >= until })
        let onlyUntil = try #require(try database.report(["until": .string(since)])["rows"]?.arrayValue)
        #expect(onlyUntil == all.filter { $0["observed_at"]!.stringValue! < since })
        // An empty period (issue 13: an inverted one is now refused, see QueryFilterTests).
        let empty = try database.report(["since": .string(until), "until": .string(until)])
        #expect(empty["rows"]?.arrayValue?.isEmpty == true)
        #expect(empty["verify"]?["ok"]?.boolValue == true, "an empty period still carries the verify result")
    }

    @Test func theCommandSendsSinceAndUntilAsDatesAndWritesTheBoundedReport() async throws {
        let database = try ReportTestDatabase(seed: 23)
        try await database.mirrorRandomRounds(5, editsPerRound: 6)
        let server = try ReportSocketServer(database: database)
        defer { server.stop() }
        let output = database.directory + "/bounded.json"
        // 2026-03-03 is round 2's day, 2026-03-05 round 4's.
        let status = try await server.runReport([
            "--since", "2026-03-03", "--until=2026-03-05", "--format", "json", "--output", output,
        ])
        #expect(status == .ok)
        let written = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: output)))
        let direct = try database.report([
            "since": .string(ReportTestDatabase.observedAt(round: 2)),
            "until": .string(ReportTestDatabase.observedAt(round: 4)),
        ])
        #expect(written["rows"] == direct["rows"])
        #expect(written["since"]?.stringValue == ReportTestDatabase.observedAt(round: 2))
        #expect(written["until"]?.stringValue == ReportTestDatabase.observedAt(round: 4))
        #expect(written["rows"]?.arrayValue?.isEmpty == false)
    }
}
