import Foundation
import Glibc
import MirrorCore
import MirrorSimulator
import Testing

@testable import MirrorServer

/// One daemon's world: a provider simulator on loopback in the test process, a scratch directory with the
/// configuration, database and socket, and the simulator's keys for the child's environment.
/// `@unchecked`: every stored property is immutable; `ScratchDirectory` only lacks the annotation.
final class DaemonFixture: @unchecked Sendable {
    let directory: ScratchDirectory
    let simulator: ProviderSimulator
    let configurationPath: String
    let databasePath: String
    let socketPath: String

    init(interval: String = "1h") throws {
        directory = try ScratchDirectory()
        simulator = try ProviderSimulator(
            options: .init(seed: 5, assistantsPerProvider: 3, includeHugePrompt: false)
        )
        simulator.start()
        configurationPath = directory.file("mirror.conf")
        databasePath = directory.file("mirror.db")
        socketPath = directory.file("query.sock")
        try writeConfiguration(interval: interval)
    }

    deinit {
        simulator.stop()
    }

    /// The simulator's sample configuration (one account per provider) with this fixture's paths.
    func writeConfiguration(interval: String) throws {
        let text = simulator.sampleConfiguration(database: databasePath, socket: socketPath, interval: interval)
        try text.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    func writeConfiguration(text: String) throws {
        try text.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    static let accounts = SimulatedProvider.builtIn.map { "sim-\($0.rawValue)" }

    /// `SIM_PURETALK_KEY=…` and the others, as the sample configuration's `api-key-env` lines expect.
    var keyEnvironment: [String: String] {
        Dictionary(
            uniqueKeysWithValues: SimulatedProvider.builtIn.map {
                (ProviderSimulator.apiKeyEnvironmentVariable(for: $0), simulator.apiKeys[$0]!)
            }
        )
    }

    /// The child's whole environment: the keys, the notify socket when given, and `extra` (nil values unset).
    func environment(notify: NotifySocketRecorder? = nil, _ extra: [String: String?] = [:]) -> [String: String] {
        var environment = keyEnvironment
        environment["PATH"] = "/usr/bin:/bin"
        if let notify { environment["NOTIFY_SOCKET"] = notify.environmentValue }
        for (name, value) in extra { environment[name] = value }
        return environment
    }

    /// Starts `assistant-mirror daemon --config FILE`.
    func launch(environment: [String: String]) throws -> DaemonProcess {
        try DaemonProcess(
            executable: DaemonProcess.binaryPath(),
            arguments: ["daemon", "--config", configurationPath],
            environment: environment
        )
    }

    /// A recorder on a fresh notify socket whose READY probe is a status query on `socket`.
    func notifyRecorder(abstract: Bool = false, probing socket: String? = nil) throws -> NotifySocketRecorder {
        let socket = socket ?? socketPath
        let address =
            abstract
            ? try UnixSocketAddress(abstractName: "assistant-mirror-test-\(getpid())-\(UUID().uuidString.prefix(8))")
            : try UnixSocketAddress(path: directory.file("notify.sock"))
        return try NotifySocketRecorder(address: address) {
            (try? Self.query(socket: socket, op: "status"))?["accounts"] != nil
        }
    }

    /// One request on the query socket: `{"v":1,"id":1,"op":…}` and a newline; the reply's `result`.
    static func query(socket: String, op: String) throws -> JSONValue {
        let connection = try UnixConnection.connect(path: socket, timeout: .seconds(5))
        defer { connection.close() }
        try connection.write(Data("{\"v\":1,\"id\":1,\"op\":\"\(op)\"}\n".utf8), timeout: .seconds(5))
        guard case .line(let line) = try connection.readLine(maxBytes: 1 << 24, timeout: DaemonProcess.patience) else {
            throw HarnessError("no reply line to \(op) on \(socket)")
        }
        let reply = try JSONParser.parse(line)
        guard reply["ok"] == .bool(true), let result = reply["result"] else {
            throw HarnessError("\(op) failed: \(String(decoding: line, as: UTF8.self))")
        }
        return result
    }

    func status() throws -> JSONValue { try Self.query(socket: socketPath, op: "status") }

    /// `next_crawl_at` of each configured account in a status reply, as dates.
    static func nextCrawls(_ status: JSONValue) -> [String: Date] {
        guard case .array(let rows)? = status["accounts"] else { return [:] }
        var result: [String: Date] = [:]
        for row in rows {
            guard let name = row["account"]?.stringValue, let text = row["next_crawl_at"]?.stringValue,
                let date = Timestamp.parse(text)
            else { continue }
            result[name] = date
        }
        return result
    }

    /// `STATUS=` lines the daemon sends after a crawl of `account` ends with `status` (ok, failed…).
    static func crawlStatusCount(_ recorder: NotifySocketRecorder, account: String, status: String = "ok") -> Int {
        recorder.fields.filter { $0.hasPrefix("STATUS=last crawl: \(account) \(status)") }.count
    }
}
