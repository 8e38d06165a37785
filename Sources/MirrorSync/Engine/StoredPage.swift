import MirrorCore

/// One page committed by the crawl: whether it recorded a change, the progress after it, and what
/// it changed of the crawl's knowledge (`KnownRows.committed`).
struct StoredPage: Sendable {
    var changed = false
    var progress: CrawlProgress
    /// The newest revision at its commit, its own included.
    var newestRevision: Int?
    /// Rows it may have written: every decoded item's.
    var written: [Int] = []
    /// Absent assistants it sighted again (their absence ended).
    var returned: [Int] = []
}
