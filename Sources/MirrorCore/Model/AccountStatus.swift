/// What the database knows of one account: its assistants, its last crawl and its last good one.
/// The crawl fields are nil before the first crawl.
public struct AccountStatus: Sendable, Equatable {
    public let account: String
    public let provider: String
    public let assistants: Int
    public let deletedAssistants: Int
    public let lastCrawl: Int?
    public let lastCrawlStartedAt: String?
    public let lastCrawlFinishedAt: String?
    public let lastCrawlStatus: String?
    public let lastCrawlPages: Int?
    public let lastCrawlSeen: Int?
    /// Created + updated + deleted + restored.
    public let lastCrawlChanges: Int?
    public let lastCrawlError: String?
    public let lastSuccessAt: String?
    /// The last read of the provider's audit log: `ok` or `failed` (nil: never read), when, its error,
    /// and the end of the last successful one.
    public let auditLogStatus: String?
    public let auditLogAttemptAt: String?
    public let auditLogError: String?
    public let auditLogReadUntil: String?

    public init(
        account: String,
        provider: String,
        assistants: Int,
        deletedAssistants: Int,
        lastCrawl: Int?,
        lastCrawlStartedAt: String?,
        lastCrawlFinishedAt: String?,
        lastCrawlStatus: String?,
        lastCrawlPages: Int?,
        lastCrawlSeen: Int?,
        lastCrawlChanges: Int?,
        lastCrawlError: String?,
        lastSuccessAt: String?,
        auditLogStatus: String? = nil,
        auditLogAttemptAt: String? = nil,
        auditLogError: String? = nil,
        auditLogReadUntil: String? = nil
    ) {
        self.account = account
        self.provider = provider
        self.assistants = assistants
        self.deletedAssistants = deletedAssistants
        self.lastCrawl = lastCrawl
        self.lastCrawlStartedAt = lastCrawlStartedAt
        self.lastCrawlFinishedAt = lastCrawlFinishedAt
        self.lastCrawlStatus = lastCrawlStatus
        self.lastCrawlPages = lastCrawlPages
        self.lastCrawlSeen = lastCrawlSeen
        self.lastCrawlChanges = lastCrawlChanges
        self.lastCrawlError = lastCrawlError
        self.lastSuccessAt = lastSuccessAt
        self.auditLogStatus = auditLogStatus
        self.auditLogAttemptAt = auditLogAttemptAt
        self.auditLogError = auditLogError
        self.auditLogReadUntil = auditLogReadUntil
    }
}
