import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import MirrorSync

/// A real simulator on loopback and a real database file in a fresh directory, per test.
final class SyncFixture: @unchecked Sendable {
    let directory: String
    let simulator: ProviderSimulator
    let store: MirrorStore
    let key: FingerprintKey
    let http: HTTPClient

    init(
        options: ProviderSimulator.Options = .init(seed: 11, assistantsPerProvider: 5, includeHugePrompt: false)
    ) throws {
        directory = NSTemporaryDirectory() + "mirror-sync-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        simulator = try ProviderSimulator(options: options)
        simulator.start()
        store = try MirrorStore(path: directory + "/mirror.db")
        key = try FingerprintKey.loadOrCreate(path: directory + "/mirror.db.key")
        // Retries without real waiting: the tests are about what is stored, not about timing.
        http = HTTPClient(configuration: .init(maxAttempts: 2, sleep: { _ in }), logger: .silent())
    }

    deinit {
        simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func account(
        _ provider: SimulatedProvider,
        pageSize: Int? = nil,
        maxPages: Int = 1000,
        configure: (inout AccountConfiguration) -> Void = { _ in }
    ) -> AccountConfiguration {
        var account = AccountConfiguration(
            name: "test-\(provider.rawValue)",
            provider: ProviderKind(rawValue: provider.rawValue)!,
            secret: .environment(name: "UNUSED"),
            baseURL: simulator.baseURL(for: provider),
            pageSize: pageSize,
            maxPages: maxPages,
            org: provider == .invent ? simulator.inventOrg : nil
        )
        configure(&account)
        return account
    }

    func crawl(
        _ account: AccountConfiguration,
        maxDeleteShare: Double = 0.5,
        dryRun: Bool = false,
        apiKey: String? = nil,
        logger: Logger = .silent()
    ) async -> CrawlOutcome {
        var settings = AccountCrawler.Settings(maxDeleteShare: maxDeleteShare)
        settings.dryRun = dryRun
        let secret = Secret(apiKey ?? simulator.apiKeys[SimulatedProvider(rawValue: account.provider.rawValue)!]!)
        let crawler = AccountCrawler(
            store: store,
            http: http,
            fingerprintKey: key,
            secrets: [account.name: secret],
            settings: settings,
            logger: logger
        )
        return await crawler.crawl(account)
    }

    func reader() throws -> MirrorReader { try MirrorReader(path: store.path) }

    /// Rows of a view or query, as JSON objects keyed by column.
    func rows(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> [JSONValue] {
        try reader().jsonRows(sql, values)
    }

    func count(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> Int {
        try reader().scalarInt(sql, values) ?? -1
    }

    func revisions(of remoteID: String) throws -> [JSONValue] {
        try rows("SELECT * FROM assistant_revisions WHERE remote_id = ? ORDER BY revision", [remoteID])
    }

    /// Every byte of the database files, for "this secret is nowhere" checks.
    func databaseBytes() throws -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let contents = FileManager.default.contents(atPath: store.path + suffix) { data.append(contents) }
        }
        return data
    }
}

extension Data {
    func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
