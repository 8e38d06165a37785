import Foundation
import MirrorCore
import MirrorStore
import MirrorSync

/// `sync --config FILE [--account NAME]… [--dry-run]`: one complete pass, then exit.
struct SyncCommand: Command {
    let name = "sync"
    let summary = "crawl the configured accounts once, then exit (non-zero when an account failed)"
    let options: [ParsedArguments.Option] = [
        .value("config", "FILE", "the configuration file"),
        .value("account", "NAME", "crawl only this account", repeatable: true),
        .flag("dry-run", "fetch and compare, report what would change, write nothing"),
        .flag("json", "print the outcomes as JSON"),
        .flag("verbose", "log every request and page"),
    ]
    let discussion = """
        Each page is committed with its checkpoint, so an interrupted sync resumes where it stopped.
        Refuses to run while the daemon holds the database: ask the daemon instead (the socket's sync op).
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let configuration = try CommandContext.loadConfiguration(arguments)
        let selected = try select(arguments.values("account"), from: configuration)
        let outcomes = try await Self.crawl(
            configuration,
            accounts: selected,
            dryRun: arguments.flag("dry-run"),
            logger: CommandContext.terminalLogger(label: "sync", level: arguments.flag("verbose") ? .debug : .warning)
        )
        if arguments.flag("json") {
            Console.out(JSONValue.array(outcomes.map(CrawlOutcomeView.json)).canonicalText)
        } else {
            Console.out(CrawlOutcomeView.table(outcomes, dryRun: arguments.flag("dry-run")))
        }
        return outcomes.allSatisfy(\.succeeded) ? .ok : .failure
    }

    func select(_ names: [String], from configuration: MirrorConfiguration) throws -> [AccountConfiguration] {
        guard !configuration.accounts.isEmpty else {
            throw CLIError("the configuration has no [account \"…\"] section", status: .unavailable)
        }
        for name in names where configuration.account(named: name) == nil {
            throw UsageError(
                "no account named \(name); configured: \(configuration.accounts.map(\.name).joined(separator: ", "))"
            )
        }
        return names.isEmpty ? configuration.accounts : configuration.accounts.filter { names.contains($0.name) }
    }

    /// One pass over `accounts`, at most `max-concurrent-crawls` at a time, with a progress line per page.
    static func crawl(
        _ configuration: MirrorConfiguration,
        accounts: [AccountConfiguration],
        dryRun: Bool,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        showProgress: Bool = true
    ) async throws -> [CrawlOutcome] {
        let store = try CommandContext.openStore(configuration)
        let lock: DatabaseLock
        do {
            lock = try DatabaseLock(databasePath: configuration.database)
        } catch {
            throw CLIError(
                "\(error); ask the daemon with `assistant-mirror status` or the socket's sync op",
                status: .unavailable
            )
        }
        defer { withExtendedLifetime(lock) {} }
        let (secrets, errors) = AccountCrawler.loadSecrets(
            for: configuration,
            loader: SecretLoader(environment: environment)
        )
        for error in errors.values.sorted() { Console.error("error: \(error)") }
        var settings = AccountCrawler.Settings(maxDeleteShare: configuration.maxDeleteShare)
        settings.dryRun = dryRun
        if showProgress {
            settings.didCommitPage = { account, progress in
                Console.progress("\(account): page \(progress.pages), \(progress.seen) assistants read")
            }
        }
        let crawler = try CommandContext.crawler(
            configuration,
            store: store,
            secrets: secrets,
            settings: settings,
            logger: logger
        )
        return await withTaskGroup(of: (Int, CrawlOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < accounts.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await crawler.crawl(accounts[index])) }
            }
            for _ in 0..<max(1, configuration.maxConcurrentCrawls) { startNext() }
            var results: [(Int, CrawlOutcome)] = []
            for await result in group {
                results.append(result)
                startNext()
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

/// How crawl outcomes print.
enum CrawlOutcomeView {
    static func table(_ outcomes: [CrawlOutcome], dryRun: Bool) -> String {
        var table = Table(["ACCOUNT", "STATUS", "PAGES", "SEEN", "CREATED", "UPDATED", "DELETED", "RESTORED", "NOTE"])
        for outcome in outcomes {
            table.append([
                outcome.account, outcome.status.rawValue + (dryRun ? " (dry run)" : ""), String(outcome.progress.pages),
                String(outcome.progress.seen), String(outcome.progress.created), String(outcome.progress.updated),
                String(outcome.progress.deleted), String(outcome.progress.restored),
                outcome.error ?? (outcome.resumed ? "resumed an interrupted crawl" : outcome.warnings.first ?? ""),
            ])
        }
        return table.render(width: Console.width)
    }

    static func json(_ outcome: CrawlOutcome) -> JSONValue {
        [
            "account": .string(outcome.account), "status": .string(outcome.status.rawValue),
            "complete": .bool(outcome.complete),
            "dry_run": .bool(outcome.dryRun), "resumed": .bool(outcome.resumed),
            "pages": .number(String(outcome.progress.pages)), "seen": .number(String(outcome.progress.seen)),
            "created": .number(String(outcome.progress.created)), "updated": .number(String(outcome.progress.updated)),
            "deleted": .number(String(outcome.progress.deleted)),
            "restored": .number(String(outcome.progress.restored)),
            "error": outcome.error.map(JSONValue.string) ?? .null,
            "warnings": .array(outcome.warnings.map(JSONValue.string)),
        ]
    }
}
