import Foundation
import Glibc
import MirrorCore
import MirrorServer
import MirrorSimulator
import TestSupport

/// The built `assistant-mirror` binary run as a subprocess (the CLI writes to the real stdout), against
/// the simulator and a real `QueryServer`. The database is filled by the binary's own `sync --config`:
/// a first mirror, then one prompt edit and one deletion.
final class CLIFixture: @unchecked Sendable {
    struct Run: Sendable {
        let status: Int32
        let output: String
        let errorOutput: String

        func json() throws -> JSONValue { try JSONParser.parse(Array(output.utf8)) }
    }

    static let editedPrompt = "You answer billing questions.\nNever quote prices from memory."

    let directory: String
    let simulator: ProviderSimulator
    let configurationPath: String
    let socketPath: String
    let environment: [String: String]
    let editedID: String
    let deletedID: String
    private(set) var server: QueryServer?

    /// The binary next to the test bundle (SwiftPM builds every product into the same directory).
    static var binary: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let besideBundle = bundleDirectory.appendingPathComponent("assistant-mirror").path
        if FileManager.default.isExecutableFile(atPath: besideBundle) { return besideBundle }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/assistant-mirror").path
    }

    init() throws {
        var template = Array("/tmp/am-cli-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw FixtureError("mkdtemp failed: errno \(errno)") }
        directory = String(cString: created)
        simulator = try ProviderSimulator(options: .init(seed: 9, assistantsPerProvider: 3, includeHugePrompt: false))
        simulator.start()
        configurationPath = directory + "/config.ini"
        socketPath = directory + "/query.sock"
        try simulator.sampleConfiguration(database: "mirror.db", socket: "query.sock")
            .write(toFile: configurationPath, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        for provider in SimulatedProvider.builtIn {
            environment[ProviderSimulator.apiKeyEnvironmentVariable(for: provider)] = simulator.apiKeys[provider]
        }
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "200"
        self.environment = environment
        editedID = simulator.assistantIDs(.puretalk)[0]
        deletedID = simulator.assistantIDs(.telnyx)[1]
    }

    deinit {
        server?.stop()
        simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Mirrors the simulator twice with the CLI (an edit and a deletion in between), then serves queries.
    func mirrorAndServe() async throws {
        try await expectSuccess(run(["sync", "--config", configurationPath]))
        simulator.editPrompt(.puretalk, id: editedID, to: Self.editedPrompt)
        simulator.delete(.telnyx, id: deletedID)
        try await expectSuccess(run(["sync", "--config", configurationPath]))
        let server = QueryServer(
            listener: try UnixListener.bind(path: socketPath),
            databasePath: directory + "/mirror.db",
            daemon: nil,
            notifier: ChangeNotifier(),
            logger: .silent()
        )
        server.start()
        self.server = server
    }

    private func expectSuccess(_ run: Run) throws {
        guard run.status == 0 else { throw FixtureError("sync failed (\(run.status)): \(run.errorOutput)") }
    }

    /// Runs the binary to completion; stdout and stderr go through files, so neither pipe can fill up.
    func run(
        _ arguments: [String],
        environment: [String: String]? = nil,
        executable: String = binary
    ) async throws -> Run {
        let outcome = try await ChildProcess.run(
            executable,
            arguments,
            environment: environment ?? self.environment,
            directory: directory
        )
        return Run(status: outcome.status, output: outcome.outputText, errorOutput: outcome.errorText)
    }

    /// Polls `condition` (a child's output so far) every 50 ms for up to `limit`: a bound that only a
    /// hang reaches, never an expectation about speed.
    static func eventually(within limit: Duration = .seconds(120), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    /// A client command with `--socket` appended.
    func client(_ arguments: [String]) async throws -> Run {
        try await run(arguments + ["--socket", socketPath])
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
