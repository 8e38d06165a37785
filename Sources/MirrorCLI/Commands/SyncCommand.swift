import Foundation
import MirrorApp
import MirrorCore

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
            // Notices are the retries and rate-limit waits: a crawl held up says so rather than going quiet.
            logger: CommandContext.terminalLogger(label: "sync", level: arguments.flag("verbose") ? .debug : .notice)
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
        let progress: @Sendable (String, CrawlProgress) -> Void = { account, progress in
            Console.progress("\(account): page \(progress.pages), \(progress.seen) assistants read")
        }
        do throws(AssemblyError) {
            return try await OneShotSync.run(
                configuration,
                accounts: accounts,
                dryRun: dryRun,
                logger: logger,
                environment: environment,
                reportError: { Console.error("error: \($0)") },
                progress: showProgress ? progress : nil
            )
        } catch {
            throw CLIError(error.description, status: .unavailable)
        }
    }
}

/// How crawl outcomes print.
enum CrawlOutcomeView {
    static func table(_ outcomes: [CrawlOutcome], dryRun: Bool) -> String {
        var table = Table([
            .id("ACCOUNT"), .id("STATUS"), TableColumn.id("PAGES").optional, .id("SEEN"), .id("CREATED"),
            .id("UPDATED"), .id("DELETED"), TableColumn.id("RESTORED").optional, "NOTE",
        ])
        for outcome in outcomes {
            table.append([
                outcome.account, outcome.status.rawValue + (dryRun ? " (dry run)" : ""), String(outcome.progress.pages),
                String(outcome.progress.seen), String(outcome.progress.created), String(outcome.progress.updated),
                String(outcome.progress.deleted), String(outcome.progress.restored),
                outcome.error ?? (outcome.resumed ? "resumed an interrupted crawl" : outcome.warnings.first ?? ""),
            ])
        }
        return table.render()
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
