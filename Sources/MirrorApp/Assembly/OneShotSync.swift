import Foundation
import MirrorCore
import MirrorStore
import MirrorSync

/// `sync` without the daemon: one pass over some accounts, at most `max-concurrent-crawls` at a time,
/// holding the database lock the daemon would hold.
public enum OneShotSync {
    /// Crawls `accounts` once. Keys that cannot be read are reported through `reportError` and their
    /// accounts fail; `progress` hears of every committed page.
    public static func run(
        _ configuration: MirrorConfiguration,
        accounts: [AccountConfiguration],
        dryRun: Bool,
        logger: Logger,
        environment: [String: String],
        reportError: (String) -> Void,
        progress: (@Sendable (String, CrawlProgress) -> Void)? = nil
    ) async throws(AssemblyError) -> [CrawlOutcome] {
        try MirrorAssembly.requireDatabaseDirectory(configuration)
        let lock: DatabaseLock
        do {
            lock = try DatabaseLock(databasePath: configuration.database)
        } catch {
            throw .databaseLocked(
                "\(error); ask the daemon with `assistant-mirror status` or the socket's sync op"
            )
        }
        defer { withExtendedLifetime(lock) {} }
        let assembly = try MirrorAssembly.open(configuration, logger: logger)
        let (secrets, errors) = MirrorAssembly.loadSecrets(for: configuration, environment: environment)
        for error in errors.values.sorted() { reportError(error) }
        var settings = assembly.defaultSettings
        settings.dryRun = dryRun
        settings.didCommitPage = progress
        let crawler = assembly.crawler(secrets: secrets, settings: settings)
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
