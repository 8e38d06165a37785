import Foundation
import MirrorApp
import MirrorCore
import MirrorSimulator
import MirrorStore
import MirrorSync

/// The benchmark's database, built through the real write path: `AccountCrawler` over the simulator,
/// the way the daemon fills it. A large simulated world gives the crawl figures and the typical history;
/// a small one holds the assistant edited over and over, so it can be re-crawled cheaply.
final class BenchDatabase {
    struct CrawlFigures {
        let label: String
        let assistants: Int
        let seconds: Double
        let peakMiB: Double?

        var perSecond: Double { Double(assistants) / seconds }
    }

    let directory: String
    let databasePath: String
    private let world: ProviderSimulator
    private let hotWorld: ProviderSimulator
    private let crawler: AccountCrawler
    private let accounts: [AccountConfiguration]
    private let hotAccount: AccountConfiguration

    init(assistantsPerProvider: Int) throws {
        directory = NSTemporaryDirectory() + "mirror-bench-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        databasePath = directory + "/mirror.db"
        let options = ProviderSimulator.Options(
            seed: 42,
            assistantsPerProvider: assistantsPerProvider,
            includeHugePrompt: false,
            inventRequestsPerMinute: 1_000_000
        )
        let world = try ProviderSimulator(options: options)
        let hotWorld = try ProviderSimulator(
            options: .init(seed: 43, assistantsPerProvider: 1, includeHugePrompt: false)
        )
        self.world = world
        self.hotWorld = hotWorld
        world.start()
        hotWorld.start()
        var secrets: [String: Secret] = [:]
        accounts = SimulatedProvider.builtIn.map { provider in
            let name = "bench-\(provider.rawValue)"
            secrets[name] = Secret(world.apiKeys[provider]!)
            return AccountConfiguration(
                name: name,
                provider: ProviderKind(rawValue: provider.rawValue)!,
                secret: .environment(name: "UNUSED"),
                baseURL: world.baseURL(for: provider),
                pageSize: 100,
                org: provider == .invent ? world.inventOrg : nil
            )
        }
        hotAccount = AccountConfiguration(
            name: "hot-puretalk",
            provider: .puretalk,
            secret: .environment(name: "UNUSED"),
            baseURL: hotWorld.baseURL(for: .puretalk)
        )
        secrets[hotAccount.name] = Secret(hotWorld.apiKeys[.puretalk]!)
        crawler = try MirrorAssembly.open(
            MirrorConfiguration(database: databasePath, socket: directory + "/unused.sock", accounts: accounts),
            logger: .silent()
        ).crawler(secrets: secrets, settings: .init(maxDeleteShare: 0.5))
    }

    func remove() {
        world.stop()
        hotWorld.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One pass over the large world's accounts, one account after another, timed with its peak RSS.
    func crawlWorld(label: String) async throws -> CrawlFigures {
        ResourceUsage.resetPeak()
        let clock = ContinuousClock()
        let start = clock.now
        var seen = 0
        for account in accounts {
            let outcome = await crawler.crawl(account)
            guard outcome.succeeded else {
                throw BenchError("crawl of \(account.name) failed: \(outcome.error ?? "?")")
            }
            seen += outcome.progress.seen
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return CrawlFigures(label: label, assistants: seen, seconds: seconds, peakMiB: ResourceUsage.peakMiB())
    }

    /// Edits the hot assistant `count` times, crawling after each edit: one revision per edit.
    func editHotAssistant(times count: Int) async throws -> String {
        let id = hotWorld.assistantIDs(.puretalk)[0]
        let first = await crawler.crawl(hotAccount)
        guard first.succeeded else { throw BenchError("first hot crawl failed: \(first.error ?? "?")") }
        for round in 1...count {
            hotWorld.editPrompt(
                .puretalk,
                id: id,
                to: "Revision \(round): you are the front desk.\nGreet, then route the call."
            )
            let outcome = await crawler.crawl(hotAccount)
            guard outcome.succeeded, outcome.progress.updated == 1 else {
                throw BenchError(
                    "hot crawl \(round) did not record one update: \(outcome.error ?? "\(outcome.progress)")"
                )
            }
        }
        return "\(hotAccount.name)/\(id)"
    }

    /// Rounds of the simulator's realistic edits, each followed by a crawl, until the history holds
    /// `target` revisions.
    func grow(toRevisions target: Int, editsPerRound: Int) async throws {
        while try revisionCount() < target {
            world.advance(editCount: min(editsPerRound, max(1, target - (try revisionCount()))))
            _ = try await crawlWorld(label: "growth")
        }
    }

    func revisionCount() throws -> Int {
        try MirrorReader(path: databasePath).revisionCount()
    }

    /// The assistant with the median number of revisions: what a typical `history` returns.
    func typicalAssistant() throws -> (id: String, revisions: Int) {
        let rows = try MirrorReader(path: databasePath).jsonRows(
            """
            SELECT account, remote_id, revision FROM assistants_current WHERE account LIKE 'bench-%'
            ORDER BY revision, assistant_id
            """
        )
        let middle = rows[rows.count / 2]
        return (
            "\(middle["account"]?.stringValue ?? "")/\(middle["remote_id"]?.stringValue ?? "")",
            middle["revision"]?.intValue ?? 0
        )
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
