import Foundation
import MirrorCore

/// What commands share: loading the configuration and building a logger for a terminal. The mirror
/// itself is assembled in MirrorApp (`MirrorAssembly`).
enum CommandContext {
    static func loadConfiguration(_ arguments: ParsedArguments) throws -> MirrorConfiguration {
        guard let path = arguments.value("config") else { throw UsageError("--config FILE is required") }
        do {
            return try ConfigurationLoader.load(path: path)
        } catch {
            throw CLIError("\(error)", status: .unavailable)
        }
    }

    /// Log lines for a person: the journald priority prefix becomes a word.
    static func terminalLogger(label: String, level: Logger.Level) -> Logger {
        Logger(label: label, level: level) { line in
            Console.error(Logger.readable(line))
        }
    }
}
