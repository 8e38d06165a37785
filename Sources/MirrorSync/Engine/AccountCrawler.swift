import MirrorCore
import MirrorProviders
import MirrorStore

/// Crawls an account with everything loaded once from the configuration: the store, the shared HTTP
/// client, the fingerprint key and the API keys (read at start-up or reload, then kept in memory only).
public struct AccountCrawler: Sendable {
    public struct Settings: Sendable {
        public var maxDeleteShare: Double
        public var dryRun = false
        public var didCommitChanges: (@Sendable () -> Void)?
        public var didCommitPage: (@Sendable (String, CrawlProgress) -> Void)?

        public init(maxDeleteShare: Double) { self.maxDeleteShare = maxDeleteShare }
    }

    let store: MirrorStore
    let http: any HTTPFetching
    let fingerprintKey: FingerprintKey
    let secrets: [String: Secret]
    let settings: Settings
    let logger: Logger

    public init(
        store: MirrorStore,
        http: any HTTPFetching,
        fingerprintKey: FingerprintKey,
        secrets: [String: Secret],
        settings: Settings,
        logger: Logger
    ) {
        self.store = store
        self.http = http
        self.fingerprintKey = fingerprintKey
        self.secrets = secrets
        self.settings = settings
        self.logger = logger
    }

    /// Loads every account's key; the errors say which account and which source failed, without the key.
    public static func loadSecrets(
        for configuration: MirrorConfiguration,
        loader: SecretLoader
    ) -> (secrets: [String: Secret], errors: [String: String]) {
        var secrets: [String: Secret] = [:]
        var errors: [String: String] = [:]
        for account in configuration.accounts {
            do {
                secrets[account.name] = try loader.load(account.secret)
            } catch {
                errors[account.name] = "account \(account.name): \(error)"
            }
        }
        return (secrets, errors)
    }

    public func crawl(_ account: AccountConfiguration) async -> CrawlOutcome {
        var options = SyncEngine.Options()
        options.dryRun = settings.dryRun
        options.maxDeleteShare = account.maxDeleteShare ?? settings.maxDeleteShare
        options.didCommitChanges = settings.didCommitChanges
        if let didCommitPage = settings.didCommitPage {
            options.didCommitPage = { didCommitPage(account.name, $0) }
        }
        guard let secret = secrets[account.name] else {
            return await recordUnstartable(
                account,
                reason: "no API key was loaded for the account (see the start-up error)"
            )
        }
        let normalizer = Normalizer(account: account, fingerprintKey: fingerprintKey)
        let engine = SyncEngine(
            store: store,
            account: account,
            provider: ProviderFactory.make(account: account, apiKey: secret, http: http),
            normalizer: normalizer,
            options: options,
            logger: logger
        )
        let outcome = await engine.crawl()
        // The audit log names the editors of what the crawl observed; its failure is its own (status).
        // After a failed crawl it is left for the next one: its window still covers what this one stored.
        if !settings.dryRun, outcome.succeeded,
            let reader = ProviderFactory.makeAuditLog(account: account, apiKey: secret, http: http)
        {
            let audit = AuditLogSync(
                store: store,
                account: account,
                reader: reader,
                normalizer: normalizer,
                logger: logger
            )
            _ = await audit.read()
        }
        return outcome
    }

    /// A crawl that cannot even start still leaves its trace in `sync_runs`.
    private func recordUnstartable(_ account: AccountConfiguration, reason: String) async -> CrawlOutcome {
        logger.error(reason, ["account": account.name])
        if !settings.dryRun {
            let now = Timestamp.now()
            _ = try? await store.write { writer in
                let accountID = try writer.accountID(name: account.name, provider: account.provider, now: now)
                let crawl = try writer.beginCrawl(accountID: accountID, now: now)
                try writer.finishCrawl(
                    crawlID: crawl,
                    status: .failed,
                    complete: false,
                    error: reason,
                    progress: CrawlProgress(),
                    now: now
                )
            }
        }
        return CrawlOutcome(
            account: account.name,
            status: .failed,
            complete: false,
            progress: CrawlProgress(),
            error: reason,
            warnings: [],
            resumed: false,
            dryRun: settings.dryRun
        )
    }
}
