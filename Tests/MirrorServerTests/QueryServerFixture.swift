import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import MirrorSync
import Synchronization

@testable import MirrorApp
@testable import MirrorServer

/// A real `QueryServer` on a socket in a fresh directory, over a real database that the real crawler
/// filled from the simulator: four providers, a twin account over the same PureTalk API (so every
/// PureTalk remote id is ambiguous), two rounds of edits on one assistant and one deletion. A real
/// `Scheduler` sits in the daemon context, so `status` and `sync` answer as in the daemon.
final class QueryServerFixture: @unchecked Sendable {
    static let twinAccount = "twin-puretalk"
    static let brokenAccount = "broken-telnyx"
    static let secondPrompt = "You are the booking desk.\nConfirm the date.\nAlways say goodbye."
    static let thirdPrompt =
        "You are the booking desk.\nConfirm the date and the zebra-quokka code.\nAlways say goodbye."

    let scratch: ScratchDirectory
    let simulator: ProviderSimulator
    let store: MirrorStore
    let notifier: ChangeNotifier
    let crawler: AccountCrawler
    let scheduler: Scheduler
    let server: QueryServer
    let socketPath: String
    let log: LogCapture
    /// test-puretalk, test-invent, test-telnyx, test-interactly, twin-puretalk.
    let accounts: [AccountConfiguration]
    /// The PureTalk assistant edited twice: revisions created, updated (prompt and timezone), updated (prompt).
    let editedID: String
    /// The Invent assistant deleted in the last round.
    let deletedID: String
    /// Taken between the second edit's crawl and the deletion's crawl.
    let beforeDeletion: String

    init(limits: QueryServer.Limits = QueryServer.Limits(), syncGroup: String? = nil) async throws {
        scratch = try ScratchDirectory()
        socketPath = scratch.file("query.sock")
        let simulator = try ProviderSimulator(
            options: .init(seed: 5, assistantsPerProvider: 4, includeHugePrompt: false)
        )
        self.simulator = simulator
        simulator.start()
        store = try MirrorStore(path: scratch.file("mirror.db"))
        var accounts = SimulatedProvider.builtIn.map { provider in
            AccountConfiguration(
                name: "test-\(provider.rawValue)",
                provider: ProviderKind(rawValue: provider.rawValue)!,
                secret: .environment(name: "UNUSED"),
                baseURL: simulator.baseURL(for: provider),
                org: provider == .invent ? simulator.inventOrg : nil
            )
        }
        var twin = accounts[0]
        twin.name = Self.twinAccount
        accounts.append(twin)
        self.accounts = accounts
        var broken = accounts.first { $0.provider == .telnyx }!
        broken.name = Self.brokenAccount

        var secrets: [String: Secret] = [Self.brokenAccount: Secret("not-the-telnyx-key")]
        for account in accounts {
            secrets[account.name] = Secret(simulator.apiKeys[SimulatedProvider(rawValue: account.provider.rawValue)!]!)
        }
        let notifier = ChangeNotifier()
        self.notifier = notifier
        let log = LogCapture()
        self.log = log
        var settings = AccountCrawler.Settings(maxDeleteShare: 0.5)
        settings.didCommitChanges = { notifier.notify() }
        let traffic = HTTPTraffic()
        let crawler = AccountCrawler(
            store: store,
            http: HTTPClient(
                configuration: .init(maxAttempts: 1, sleep: { _ in }),
                logger: .silent(),
                traffic: traffic
            ),
            fingerprintKey: try FingerprintKey.loadOrCreate(path: scratch.file("mirror.db.key")),
            secrets: secrets,
            settings: settings,
            logger: .silent()
        )
        self.crawler = crawler
        let configuration = MirrorConfiguration(
            database: store.path,
            socket: socketPath,
            interval: .seconds(3600),
            accounts: accounts + [broken]
        )
        scheduler = Scheduler(configuration: configuration, runCrawl: { await crawler.crawl($0) })

        for account in accounts { try Self.expectSuccess(await crawler.crawl(account)) }
        editedID = simulator.assistantIDs(.puretalk)[1]
        simulator.editPrompt(.puretalk, id: editedID, to: Self.secondPrompt)
        simulator.setField(.puretalk, id: editedID, path: "timezone", value: "Europe/Oslo", bumpUpdatedAt: true)
        try Self.expectSuccess(await crawler.crawl(accounts[0]))
        simulator.editPrompt(.puretalk, id: editedID, to: Self.thirdPrompt)
        try Self.expectSuccess(await crawler.crawl(accounts[0]))
        // Observation times have millisecond resolution: step past the last one so `since` splits cleanly.
        try await Task.sleep(for: .milliseconds(5))
        beforeDeletion = Timestamp.now()
        try await Task.sleep(for: .milliseconds(5))
        deletedID = simulator.assistantIDs(.invent)[2]
        simulator.delete(.invent, id: deletedID)
        try Self.expectSuccess(await crawler.crawl(accounts[1]))

        let daemon = try SchedulerControl.standalone(
            scheduler: scheduler,
            store: store,
            syncGroup: syncGroup,
            promptWrites: nil,
            traffic: traffic,
            logger: .silent()
        )
        server = QueryServer(
            listener: try UnixListener.bind(path: socketPath),
            databasePath: store.path,
            daemon: daemon,
            notifier: notifier,
            limits: limits,
            logger: Logger(label: "test", level: .debug, sink: { log.append($0) })
        )
        server.start()
    }

    deinit {
        server.stop()
        simulator.stop()
    }

    private static func expectSuccess(_ outcome: CrawlOutcome) throws {
        guard outcome.succeeded else {
            throw FixtureError("crawl of \(outcome.account) failed: \(outcome.error ?? "?")")
        }
    }

    /// A new client connection (blocking; call it from `onThread`).
    func connect() throws -> QueryClient {
        QueryClient(connection: try UnixConnection.connect(path: socketPath, timeout: .seconds(5)))
    }

    /// One request on a connection of its own: the whole reply line.
    func ask(_ op: String, _ parameters: [String: JSONValue] = [:]) async throws -> JSONValue {
        try await onThread { try self.connect().request(op, parameters) }
    }

    /// The `result` of a successful reply; throws with the error reply otherwise.
    func result(_ op: String, _ parameters: [String: JSONValue] = [:]) async throws -> JSONValue {
        let reply = try await ask(op, parameters)
        guard reply["ok"] == .bool(true), let result = reply["result"] else {
            throw FixtureError("\(op) failed: \(reply.canonicalText)")
        }
        return result
    }

    /// The error code of a failed reply, nil when the reply was a success.
    func errorCode(_ op: String, _ parameters: [String: JSONValue] = [:]) async throws -> String? {
        try await ask(op, parameters)["error"]?["code"]?.stringValue
    }

    func reader() throws -> MirrorReader { try MirrorReader(path: store.path) }

    func count(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> Int {
        try reader().scalarInt(sql, values) ?? -1
    }
}

/// The test's side of the protocol, on a plain `UnixConnection`: blocking, so use it from `onThread`.
final class QueryClient: @unchecked Sendable {
    let connection: UnixConnection
    private var nextID = 0

    init(connection: UnixConnection) {
        self.connection = connection
    }

    func send(raw bytes: some Sequence<UInt8>) throws {
        try connection.write(Data(bytes), timeout: .seconds(10))
    }

    func send(line: String) throws {
        try send(raw: Array((line + "\n").utf8))
    }

    /// Sends a request with a fresh numeric id and returns that id.
    @discardableResult
    func send(_ op: String, _ parameters: [String: JSONValue] = [:]) throws -> Int {
        nextID += 1
        var request = parameters
        request["v"] = 1
        request["id"] = .number(String(nextID))
        request["op"] = .string(op)
        try send(line: JSONValue.object(request).canonicalText)
        return nextID
    }

    /// The next reply line, parsed; nil when the server closed the connection.
    /// The bound only turns a hang into a failure; a `sync` with `wait` on a loaded machine needs minutes.
    func readReply(timeout: Duration = .seconds(180)) throws -> JSONValue? {
        switch try connection.readLine(maxBytes: 64 << 20, timeout: timeout) {
        case .line(let data): return try JSONParser.parse(data)
        case .endOfStream: return nil
        case .timedOut: throw FixtureError("no reply within \(timeout)")
        case .tooLong: throw FixtureError("reply longer than 64 MiB")
        }
    }

    /// True when the server has closed the connection: end of stream, or ECONNRESET when it closed with
    /// bytes of ours still unread (Linux reports that as a reset; unix(7)).
    func isClosedByServer() throws -> Bool {
        do {
            return try readReply() == nil
        } catch let error as SystemError where error.errno == ECONNRESET {
            return true
        }
    }

    /// Sends a request and returns its reply, checking that the reply echoes the request's id.
    func request(_ op: String, _ parameters: [String: JSONValue] = [:]) throws -> JSONValue {
        let id = try send(op, parameters)
        guard let reply = try readReply() else {
            throw FixtureError("the server closed the connection instead of replying to \(op)")
        }
        guard reply["id"] == .number(String(id)), reply["v"] == 1 else {
            throw FixtureError("reply does not echo v 1 and id \(id): \(reply.canonicalText)")
        }
        return reply
    }
}

/// Every line the server logged.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking socket work on a thread of its own and awaits it, so a blocked client never occupies
/// the cooperative pool that the server's `sync` op and the scheduler need.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
