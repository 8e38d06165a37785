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
            Console.error(humanize(line))
        }
    }

    static func humanize(_ line: String) -> String {
        guard line.hasPrefix("<"), line.count > 3, line[line.index(line.startIndex, offsetBy: 2)] == ">" else {
            return line
        }
        let body = String(line.dropFirst(3))
        switch line[line.index(after: line.startIndex)] {
        case "0", "1", "2", "3": return "error: " + body
        case "4": return "warning: " + body
        default: return body
        }
    }
}
