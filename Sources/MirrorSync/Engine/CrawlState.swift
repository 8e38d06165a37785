import MirrorCore
import MirrorProviders

/// The engine's working state for one crawl.
struct CrawlState {
    let dryRun: Bool
    var accountID = 0
    var crawlID: Int?
    var cursor: PageCursor?
    var pagesRemain = true
    var resumed = false
    var progress = CrawlProgress()
    var warnings: [String] = []
    var refusal: String?
    var status = CrawlStatus.running
    var complete = false
    var error: String?
    /// Dry runs roll every write back, so the sightings the deletion pass needs are kept here instead.
    var dryRunSeen = Set<String>()

    init(dryRun: Bool) { self.dryRun = dryRun }

    mutating func seenInDryRun(_ remoteID: String) {
        if dryRun { dryRunSeen.insert(remoteID) }
    }

    func outcome(account: String) -> CrawlOutcome {
        CrawlOutcome(
            account: account,
            status: status,
            complete: complete,
            progress: progress,
            error: error,
            warnings: warnings,
            resumed: resumed,
            dryRun: dryRun
        )
    }
}

extension CrawlProgress {
    mutating func count(_ kind: ChangeKind) {
        switch kind {
        case .created: created += 1
        case .updated: updated += 1
        case .deleted: deleted += 1
        case .restored: restored += 1
        }
    }
}
