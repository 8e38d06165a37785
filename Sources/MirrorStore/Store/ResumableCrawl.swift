import MirrorCore

/// A crawl left unfinished by a crash or a shutdown, to be resumed.
public struct ResumableCrawl: Sendable, Equatable {
    public let id: Int
    public let progress: CrawlProgress
    public let startedAt: String
}
