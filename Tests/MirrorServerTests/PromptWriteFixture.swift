import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import MirrorSync

@testable import MirrorApp
@testable import MirrorServer

/// A query server whose daemon context can write prompts: one account per simulated provider, mirrored
/// once by the real crawler into a real database, a `PromptWrites` over the same store and keys, and
/// every log line of the server and the writer captured.
final class PromptWriteFixture: @unchecked Sendable {
    let scratch: ScratchDirectory
    let simulator: ProviderSimulator
    let store: MirrorStore
    let crawler: AccountCrawler
    let server: QueryServer
    let socketPath: String
    let log = LogCapture()
    let accounts: [AccountConfiguration]
    /// The simulator's keys, to look for in the logs.
    let keys: [String]

    /// `write` is every account's `write` switch; `writeGroup` the mirror-wide `write-group`.
    init(write: Bool = true, writeGroup: String? = nil) async throws {
        scratch = try ScratchDirectory()
        socketPath = scratch.file("query.sock")
        let simulator = try ProviderSimulator(
            options: .init(seed: 11, assistantsPerProvider: 2, includeHugePrompt: false)
        )
        self.simulator = simulator
        simulator.start()
        store = try MirrorStore(path: scratch.file("mirror.db"))
        accounts = SimulatedProvider.builtIn.map { provider in
            var account = AccountConfiguration(
                name: "w-\(provider.rawValue)",
                provider: ProviderKind(rawValue: provider.rawValue)!,
                secret: .environment(name: "UNUSED"),
                baseURL: simulator.baseURL(for: provider),
                org: provider == .invent ? simulator.inventOrg : nil
            )
            account.write = write
            return account
        }
        var secrets: [String: Secret] = [:]
        for account in accounts {
            secrets[account.name] = Secret(simulator.apiKeys[SimulatedProvider(rawValue: account.provider.rawValue)!]!)
        }
        keys = secrets.values.map { $0.reveal() }
        let log = self.log
        let logger = Logger(label: "test", level: .debug, sink: { log.append($0) })
        let http = HTTPClient(configuration: .init(maxAttempts: 1, sleep: { _ in }), logger: logger)
        let key = try FingerprintKey.loadOrCreate(path: scratch.file("mirror.db.key"))
        let crawler = AccountCrawler(
            store: store,
            http: http,
            fingerprintKey: key,
            secrets: secrets,
            settings: AccountCrawler.Settings(maxDeleteShare: 0.5),
            logger: logger
        )
        self.crawler = crawler
        for account in accounts {
            let outcome = await crawler.crawl(account)
            guard outcome.succeeded else {
                throw FixtureError("crawl of \(account.name) failed: \(outcome.error ?? "?")")
            }
        }
        var configuration = MirrorConfiguration(database: store.path, socket: socketPath, accounts: accounts)
        configuration.writeGroup = writeGroup
        let writer = PromptWriter(store: store, http: http, fingerprintKey: key, secrets: secrets, logger: logger)
        let scheduler = Scheduler(configuration: configuration, runCrawl: { await crawler.crawl($0) })
        let daemon = try SchedulerControl.standalone(
            scheduler: scheduler,
            store: store,
            syncGroup: nil,
            promptWrites: PromptWrites(configuration: configuration, writer: writer),
            traffic: HTTPTraffic(),
            logger: .silent()
        )
        server = QueryServer(
            listener: try UnixListener.bind(path: socketPath),
            databasePath: store.path,
            daemon: daemon,
            notifier: ChangeNotifier(),
            logger: logger
        )
        server.start()
    }

    deinit {
        server.stop()
        simulator.stop()
    }

    func account(_ provider: SimulatedProvider) -> String { "w-\(provider.rawValue)" }

    /// `account/remote-id` of the provider's first assistant.
    func firstAssistant(_ provider: SimulatedProvider) -> (label: String, id: String) {
        let id = simulator.assistantIDs(provider)[0]
        return ("\(account(provider))/\(id)", id)
    }

    /// One request on a connection of its own: the whole reply.
    func ask(_ op: String, _ parameters: [String: JSONValue]) async throws -> JSONValue {
        // The whole exchange on a thread of its own: a blocked read must never hold the cooperative pool,
        // which the daemon's writer needs to answer.
        try await onThread {
            try QueryClient(connection: try UnixConnection.connect(path: self.socketPath, timeout: .seconds(5)))
                .request(op, parameters)
        }
    }

    func reader() throws -> MirrorReader { try MirrorReader(path: store.path) }

    /// The `write_attempts` rows, oldest first, as JSON objects.
    func attempts() throws -> [JSONValue] {
        try reader().jsonRows("SELECT * FROM write_attempts ORDER BY seq")
    }
}
