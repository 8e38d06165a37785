import Foundation
import MirrorSimulator

/// The simulator in a child process (this binary, in one of its child modes), so the mirror's CPU time
/// and memory are measured alone: getrusage(2) with RUSAGE_SELF does not count a child's time.
final class SimulatorChild {
    static let serveAllMode = "serve-simulator"
    static let servePureTalkMode = "serve-puretalk"

    let port: String
    private let process: Process
    private let commands: FileHandle
    private let replies: FileHandle
    private var buffered = Data()

    /// Starts `mirror-bench <mode> <arguments…>` and waits for it to print `port N`.
    init(mode: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = [mode] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        self.process = process
        self.commands = input.fileHandleForWriting
        self.replies = output.fileHandleForReading
        var port: String?
        while port == nil {
            let line = try Self.readLine(from: replies, buffer: &buffered)
            if let match = line.firstMatch(of: /^port (\d+)$/) { port = String(match.1) }
        }
        self.port = port!
    }

    deinit { stop() }

    /// Ends the child by closing its stdin (it exits at end of input; SIGTERM would stay blocked in a
    /// process whose threads all mask it) and reaps it. Callers defer this, which also keeps the child
    /// alive until then.
    func stop() {
        guard process.isRunning else { return }
        try? commands.close()
        process.waitUntilExit()
    }

    var root: String { "http://127.0.0.1:\(port)" }

    /// Asks a PureTalk child to edit the main prompt of `count` assistants, spread over the list.
    func editPrompts(_ count: Int) throws {
        commands.write(Data("edit \(count)\n".utf8))
        let reply = try Self.readLine(from: replies, buffer: &buffered)
        guard reply == "edited \(count)" else { throw BenchError("the simulator child answered '\(reply)' to an edit") }
    }

    private static func readLine(from handle: FileHandle, buffer: inout Data) throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw BenchError("the simulator child exited") }
            buffer.append(chunk)
        }
    }

    // MARK: - The child's side

    /// Serves all four providers (`assistants` each) until terminated.
    static func serveAll(assistants: Int) throws -> Never {
        let simulator = try ProviderSimulator(options: .init(seed: 7, assistantsPerProvider: assistants))
        simulator.start()
        serve(simulator, provider: .puretalk)
    }

    /// Serves `assistants` PureTalk assistants with 2–4 KB prompts until terminated.
    static func servePureTalk(assistants: Int) throws -> Never {
        let simulator = try ProviderSimulator(
            options: .init(
                seed: 9,
                assistantsPerProvider: assistants,
                includeHugePrompt: false,
                populatedProviders: [.puretalk],
                promptBytes: 2_048...4_096
            )
        )
        simulator.start()
        serve(simulator, provider: .puretalk)
    }

    /// Prints the port, then answers `edit N` lines on stdin until stdin closes.
    private static func serve(_ simulator: ProviderSimulator, provider: SimulatedProvider) -> Never {
        FileHandle.standardOutput.write(Data("port \(simulator.port)\n".utf8))
        var round = 0
        while let line = Swift.readLine() {
            guard let count = line.firstMatch(of: /^edit (\d+)$/).flatMap({ Int($0.1) }) else { continue }
            round += 1
            let ids = simulator.assistantIDs(provider)
            let step = max(1, ids.count / max(1, count))
            for index in 0..<min(count, ids.count) {
                let id = ids[index * step % ids.count]
                let prompt = simulator.mainPrompt(provider, id: id) ?? ""
                simulator.editPrompt(provider, id: id, to: prompt + "\nRound \(round): confirm the caller's name.")
            }
            FileHandle.standardOutput.write(Data("edited \(count)\n".utf8))
        }
        exit(0)
    }
}
