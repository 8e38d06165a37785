/// What one crawl of one account did.
public struct CrawlOutcome: Sendable, Equatable {
    public let account: String
    public let status: CrawlStatus
    /// Every page arrived and was stored (the condition for the deletion pass).
    public let complete: Bool
    public let progress: CrawlProgress
    public let error: String?
    public let warnings: [String]
    /// The crawl continued one that a crash or a shutdown had left unfinished.
    public let resumed: Bool
    public let dryRun: Bool

    public init(
        account: String,
        status: CrawlStatus,
        complete: Bool,
        progress: CrawlProgress,
        error: String?,
        warnings: [String],
        resumed: Bool,
        dryRun: Bool
    ) {
        self.account = account
        self.status = status
        self.complete = complete
        self.progress = progress
        self.error = error
        self.warnings = warnings
        self.resumed = resumed
        self.dryRun = dryRun
    }

    public var succeeded: Bool { status == .ok }
    public var changed: Int { progress.created + progress.updated + progress.deleted + progress.restored }
}
