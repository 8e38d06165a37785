import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `simulate` subcommand: serve all four fake APIs until SIGINT or SIGTERM, optionally editing the world
/// at a fixed interval so a running mirror has something to record.
public enum SimulatorCommand {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case invalidListenAddress(String)
        case invalidAssistantCount(Int)
        case invalidEditInterval(Double)

        public var description: String {
            switch self {
            case .invalidListenAddress(let text):
                "--listen '\(text)' is not HOST:PORT with an IPv4 loopback host and a port 0–65535 "
                    + "(e.g. 127.0.0.1:8089; port 0 lets the kernel choose)"
            case .invalidAssistantCount(let count):
                "--assistants \(count) is out of range: use 0 to 10000 assistants per provider"
            case .invalidEditInterval(let seconds):
                "the edit interval \(seconds) is not a positive number of seconds"
            }
        }
    }

    /// Parses `HOST:PORT`.
    public static func parseListenAddress(_ text: String) throws(Failure) -> (host: String, port: UInt16) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw .invalidListenAddress(text)
        }
        let host = String(text[..<colon])
        guard !host.isEmpty else { throw .invalidListenAddress(text) }
        return (host, port)
    }

    /// Starts the simulator and prints a ready configuration on standard output (base URLs and keys as
    /// `#` comments, so `simulate > sim.ini` loads as it is); with `writeConfig`, also writes it to that
    /// file. Then applies `advance()` every `editInterval` seconds until SIGINT or SIGTERM, each edit and
    /// the stop reported on standard error, and returns.
    ///
    /// Async, so it can run inside the CLI's async command: `dispatchMain()` would park a Swift concurrency
    /// thread, which libdispatch refuses (it traps). Signals arrive through Dispatch sources on a private
    /// queue; the edits run in a task that sleeps between rounds.
    public static func run(
        listen: String,
        seed: UInt64,
        assistants: Int,
        editInterval: Double?,
        writeConfig: String? = nil
    ) async throws {
        let (host, port) = try parseListenAddress(listen)
        guard (0...10_000).contains(assistants) else { throw Failure.invalidAssistantCount(assistants) }
        if let editInterval, !(editInterval > 0) { throw Failure.invalidEditInterval(editInterval) }
        let simulator = try ProviderSimulator(
            options: .init(seed: seed, assistantsPerProvider: assistants),
            host: host,
            port: port
        )
        simulator.start()
        defer { simulator.stop() }
        let configuration = banner(simulator, seed: seed, assistants: assistants, editInterval: editInterval)
        if let writeConfig {
            try configuration.write(toFile: writeConfig, atomically: true, encoding: .utf8)
            status("configuration written to \(writeConfig)\n")
        }
        emit(configuration)

        let (stops, stop) = AsyncStream.makeStream(of: Int32.self)
        let queue = DispatchQueue(label: "simulator.signals")
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)  // Dispatch delivers it instead (signal(7): ignored, then read).
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { stop.yield(signalNumber) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let editor = Task {
            guard let editInterval else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(editInterval * 1000)))
                if Task.isCancelled { return }
                for edit in simulator.advance() { status("edit: \(edit)\n") }
            }
        }
        for await signalNumber in stops {
            editor.cancel()
            status("simulator stopped (signal \(signalNumber))\n")
            return
        }
    }

    static func banner(_ simulator: ProviderSimulator, seed: UInt64, assistants: Int, editInterval: Double?) -> String {
        var text = "# assistant-mirror simulator: seed \(seed), \(assistants) assistants per provider\n#\n"
        let urls = SimulatedProvider.builtIn.map { simulator.baseURL(for: $0).absoluteString }
        let width = urls.map(\.count).max() ?? 0
        for (provider, url) in zip(SimulatedProvider.builtIn, urls) {
            let name = provider.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            let column = url.padding(toLength: width + 3, withPad: " ", startingAt: 0)
            text += "# \(name)\(column)key: \(simulator.apiKeys[provider] ?? "")\n"
        }
        text += editInterval.map { "# Editing every \($0) s. Ctrl-C to stop.\n" } ?? "# Ctrl-C to stop.\n"
        return text + "\n" + simulator.sampleConfiguration() + "\n"
    }

    /// Writes and flushes, so a pipe (`| tee`, a test harness) sees each line as it happens.
    private static func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// What happens while it serves goes to standard error, keeping standard output a configuration.
    private static func status(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
