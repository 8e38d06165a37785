import Foundation
import MirrorApp
import MirrorCore

/// The `assistant-mirror` command line: a subcommand, then its arguments.
public enum MirrorCLI {
    public static let commands: [any Command] = [
        DemoCommand(), DaemonCommand(), SyncCommand(), CheckConfigCommand(), SimulateCommand(),
        StatusCommand(), ListCommand(), ShowCommand(), HistoryCommand(), DiffCommand(), ChangesCommand(),
        ReportCommand(), VerifyCommand(), SetPromptCommand(), RevertCommand(), MetricsCommand(), ProvidersCommand(),
        BackupCommand(),
    ]

    public static func main() async -> Never {
        ProcessMemory.limitMallocArenas()
        exit(await run(Array(CommandLine.arguments.dropFirst())).rawValue)
    }

    /// Runs a command line (without the program name); what `main` and the tests call.
    public static func run(_ arguments: [String]) async -> ExitStatus {
        guard let first = arguments.first, !["--help", "-h", "help"].contains(first) else {
            Console.out(overview)
            return arguments.isEmpty ? .usage : .ok
        }
        if first == "--version" {
            Console.out("assistant-mirror \(MirrorVersion.current)")
            return .ok
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            Console.error("assistant-mirror: unknown command '\(first)'. Run 'assistant-mirror --help' for the list.")
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Console.out(command.help)
            return .ok
        }
        do {
            let parsed = try ParsedArguments(rest, options: command.options)
            return try await command.run(parsed)
        } catch let error as UsageError {
            Console.error(
                "assistant-mirror \(command.name): \(error.message)\nRun 'assistant-mirror \(command.name) --help' for usage."
            )
            return .usage
        } catch let error as CLIError {
            Console.error("assistant-mirror \(command.name): \(error.message)")
            return error.status
        } catch {
            Console.error("assistant-mirror \(command.name): \(error)")
            return .failure
        }
    }

    static var overview: String {
        let width = commands.map(\.name.count).max() ?? 0
        let list = commands.map {
            "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary
        }
        return """
            assistant-mirror \(MirrorVersion.current): mirrors AI-assistant configurations (PureTalk, Invent, Telnyx,
            Interactly) into SQLite with an append-only, hash-chained history of every change.

            Usage: assistant-mirror COMMAND [options]

            Commands:
            \(list.joined(separator: "\n"))

            Run 'assistant-mirror COMMAND --help' for a command's options.
            Exit status: 0 ok, 1 not found or failed, 2 usage error, 3 daemon or configuration unavailable.
            """
    }
}

/// A failure with a message for the user and the exit status it means.
public struct CLIError: Error {
    public let message: String
    public let status: ExitStatus

    public init(_ message: String, status: ExitStatus = .failure) {
        self.message = message
        self.status = status
    }
}
