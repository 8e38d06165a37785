import Foundation
import MirrorCore
import MirrorProtocol
import MirrorProviders
import MirrorServer
import MirrorSimulator
import MirrorStore
import MirrorSync

@testable import MirrorCLI

/// A real database made by crawling the simulator (all four providers, over loopback HTTP) round by
/// round, each round observed at its own whole day so that `--since/--until` windows are exact.
final class ReportTestDatabase: @unchecked Sendable {
    let directory: String
    let simulator: ProviderSimulator
    let store: MirrorStore
    let key: FingerprintKey
    let http: HTTPClient
    let accounts: [AccountConfiguration]
    /// What the simulator did in each round (round 0 is the first mirror and has none).
    private(set) var editsByRound: [[SimulatedEdit]] = []
    /// Ground truth after each round: (account, remote_id) → main prompt, nil once deleted.
    private(set) var promptsAfterRound: [[String: String?]] = []

    init(seed: UInt64 = 3, assistantsPerProvider: Int = 4) throws {
        directory = NSTemporaryDirectory() + "mirror-report-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        simulator = try ProviderSimulator(
            options: .init(seed: seed, assistantsPerProvider: assistantsPerProvider, includeHugePrompt: false)
        )
        simulator.start()
        store = try MirrorStore(path: directory + "/mirror.db")
        key = try FingerprintKey.loadOrCreate(path: directory + "/mirror.db.key")
        http = HTTPClient(configuration: .init(maxAttempts: 2, sleep: { _ in }), logger: .silent())
        let simulator = simulator
        accounts = SimulatedProvider.builtIn.map { provider in
            AccountConfiguration(
                name: "audit-\(provider.rawValue)",
                provider: ProviderKind(rawValue: provider.rawValue)!,
                secret: .environment(name: "UNUSED"),
                baseURL: simulator.baseURL(for: provider),
                pageSize: 3,
                maxPages: 100,
                org: provider == .invent ? simulator.inventOrg : nil
            )
        }
    }

    deinit {
        simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var path: String { store.path }

    /// When round `round` is observed: midnight UTC of 1 March 2026 plus `round` days.
    static func observedAt(round: Int) -> String {
        Timestamp.format(Date(timeIntervalSince1970: 1_772_323_200 + Double(round) * 86_400))
    }

    /// Round 0: the first mirror. Then each round lets `edit` change the simulator and crawls every account.
    func mirror(round: Int, edit: (ProviderSimulator) -> Void) async throws {
        guard round == editsByRound.count else { throw ReportTestFailure("round \(round) out of order") }
        let before = simulator.edits.count
        edit(simulator)
        editsByRound.append(Array(simulator.edits[before...]))
        for account in accounts {
            let outcome = await crawl(account, at: Self.observedAt(round: round))
            guard outcome.status == .ok else {
                throw ReportTestFailure("round \(round): crawl of \(account.name) was \(outcome)")
            }
        }
        promptsAfterRound.append(groundTruth())
    }

    /// Rounds 0…`rounds` of seeded edits from `advance()`.
    func mirrorRandomRounds(_ rounds: Int, editsPerRound: Int = 5) async throws {
        for round in editsByRound.count...rounds {
            try await mirror(round: round) { if round > 0 { $0.advance(editCount: editsPerRound) } }
        }
    }

    /// Prompts that break naive CSV, HTML and Markdown writers, one per provider.
    static let trickyPrompts: [SimulatedProvider: String] = [
        .puretalk:
            "Line one\nSay \"hi\", then 'bye', then a comma, here\r\nemoji 🎧👩🏽‍💻, RTL: שלום עולם — مرحبا\nCafe\u{301} (decomposed)\n",
        .invent: "<script>alert(1)</script> & <b>bold</b> &amp; ]]> <!-- x --> \"q\" 'a' <\u{301}i>&\u{301}",
        .telnyx: "Quote code like ```this``` or ````that````\n```\nfenced block\n```\n# not a heading",
        .interactly: "=SUM(A1:A2),\"\",\n\n  indented\ttab \u{1B}[31m red \u{7} bell\n trailing spaces   ",
    ]

    /// Rounds 0–2 of seeded edits, round 3 puts `trickyPrompts` on each provider's first assistant, round 4
    /// edits them again and makes seeded edits (so the tricky texts also appear as old prompts).
    static func withTrickyPrompts() async throws -> ReportTestDatabase {
        let database = try ReportTestDatabase()
        try await database.mirrorRandomRounds(2)
        try await database.mirror(round: 3) { simulator in
            for (provider, prompt) in trickyPrompts {
                simulator.editPrompt(provider, id: simulator.assistantIDs(provider)[0], to: prompt)
            }
        }
        try await database.mirror(round: 4) { simulator in
            for provider in [SimulatedProvider.puretalk, .invent, .interactly] {
                simulator.editPrompt(provider, id: simulator.assistantIDs(provider)[0], to: "plain again")
            }
            // Keeps the fenced lines as diff context (" ```"), which CommonMark would take as a closing fence.
            simulator.editPrompt(
                .telnyx,
                id: simulator.assistantIDs(.telnyx)[0],
                to: trickyPrompts[.telnyx]! + "\nappended"
            )
            simulator.advance(editCount: 5)
        }
        return database
    }

    private func crawl(_ account: AccountConfiguration, at time: String) async -> CrawlOutcome {
        var options = SyncEngine.Options()
        options.now = { time }
        let provider = SimulatedProvider(rawValue: account.provider.rawValue)!
        let engine = SyncEngine(
            store: store,
            account: account,
            provider: ProviderFactory.make(account: account, apiKey: Secret(simulator.apiKeys[provider]!), http: http),
            normalizer: Normalizer(account: account, fingerprintKey: key),
            options: options,
            logger: .silent()
        )
        return await engine.crawl()
    }

    /// Every assistant the simulator ever listed or changed, with its main prompt now (nil when deleted).
    private func groundTruth() -> [String: String?] {
        var prompts: [String: String?] = [:]
        for edit in simulator.edits {
            prompts["audit-\(edit.provider.rawValue)/\(edit.remoteID)"] = .some(nil)
        }
        for provider in SimulatedProvider.builtIn {
            for id in simulator.assistantIDs(provider) {
                prompts["audit-\(provider.rawValue)/\(id)"] = .some(simulator.mainPrompt(provider, id: id))
            }
        }
        return prompts
    }

    /// The `report` op's result, exactly as the daemon would answer it.
    func report(_ parameters: [String: JSONValue] = [:]) throws -> JSONValue {
        let reader = try MirrorReader(path: path)
        var request = parameters
        request["kind"] = "prompts"
        return try QueryHandler(reader: reader, daemon: nil).handle(
            QueryRequest(id: .null, op: "report", parameters: request),
            peer: nil
        ).get()
    }

    func render(_ result: JSONValue, as format: ReportRenderer.Format) throws -> String {
        ReportRenderer.render(PromptReport(try ReportResult(json: result)), raw: result, as: format)
    }

    /// Drops the append-only triggers, as someone with write access could, then runs `sql`.
    func tamper(_ sql: String) throws {
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.execute(
            """
            DROP TRIGGER revisions_are_append_only_update; DROP TRIGGER revisions_are_append_only_delete;
            DROP TRIGGER revision_fields_are_append_only_update; DROP TRIGGER revision_fields_are_append_only_delete;
            """
        )
        try connection.execute(sql)
    }
}

struct ReportTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    /// UTF-8 bytes: Swift's `==` on strings is canonical equivalence, and a report must keep the bytes.
    var bytes: [UInt8] { Array(utf8) }

    /// Split at each LF scalar. Splitting by Character would not: "\r\n" is one grapheme cluster.
    var lines: [String] {
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    /// Substring search on the bytes, for the same reason: "here\r" is not a Character-prefix of "here\r\n".
    func includes(_ part: String) -> Bool {
        Data(utf8).range(of: Data(part.utf8)) != nil
    }
}
