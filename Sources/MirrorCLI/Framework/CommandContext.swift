import Foundation
import MirrorCore
import MirrorProviders
import MirrorServer
import MirrorStore
import MirrorSync

/// What commands share: loading the configuration, building a logger for a terminal, opening the
/// store and the crawler.
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

    /// Opens the store, creating the database's directory only when asked (the demo's temporary one).
    static func openStore(_ configuration: MirrorConfiguration) throws -> MirrorStore {
        let directory = (configuration.database as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: directory) else {
            throw CLIError(
                "the database directory \(directory) does not exist; create it or set database = in [mirror]",
                status: .unavailable
            )
        }
        do {
            try IntegrityCheck().requireIntact(databasePath: configuration.database)
        } catch {
            throw CLIError("\(error)", status: .unavailable)
        }
        do {
            return try MirrorStore(path: configuration.database)
        } catch {
            throw CLIError("cannot open the database \(configuration.database): \(error)", status: .unavailable)
        }
    }

    static func crawler(
        _ configuration: MirrorConfiguration,
        store: MirrorStore,
        secrets: [String: Secret],
        settings: AccountCrawler.Settings,
        logger: Logger
    ) throws -> AccountCrawler {
        let key: FingerprintKey
        do {
            key = try FingerprintKey.loadOrCreate(path: configuration.effectiveFingerprintKeyFile)
        } catch {
            throw CLIError("\(error)", status: .unavailable)
        }
        return AccountCrawler(
            store: store,
            http: HTTPClient(logger: logger),
            fingerprintKey: key,
            secrets: secrets,
            settings: settings,
            logger: logger
        )
    }
}
