import MirrorCore
import MirrorProviders
import MirrorStore

/// The page loop: each page fetched, decided and committed in one transaction with its checkpoint.
///
/// An unchanged re-poll is what the daemon does all day, so an item whose exact bytes digest as its
/// live row's `raw_digest` is not even decoded: the account's live digests are read once per crawl
/// (`KnownRows`), and the provider leaves such items undecoded (`fetchPage(_:skipping:)`). While no
/// one else has written since and this crawl did not write those rows, they still hold those
/// digests; otherwise the page's transaction confirms with one statement that they do. Should one
/// not (an earlier page of this crawl changed it), the page is fetched again and decoded whole, so
/// the decision is always the one the full path would make. The sighting itself is one row for the
/// page (migration 0008).
extension SyncEngine {
    func crawlPages(_ state: inout CrawlState) async throws {
        var visited = Set<String>()
        // A dry run has no crawl to sight rows in, and keeps its sightings by remote id: it decodes all.
        var known = KnownRows()
        if !options.dryRun {
            known = try await store.read { [accountID = state.accountID] writer in
                KnownRows(
                    digests: try writer.liveRawDigests(accountID: accountID),
                    absent: try writer.absentAssistants(accountID: accountID),
                    revisionSeq: try writer.newestRevisionSeq()
                )
            }
        }
        repeat {
            try Task.checkCancellation()
            guard state.progress.pages < account.maxPages else {
                throw ProviderError.pagingLoop(
                    provider: account.provider,
                    reason: "the page cap of \(account.maxPages) was reached (max-pages)"
                )
            }
            if let cursor = state.cursor, !visited.insert(cursor.storedForm).inserted {
                throw ProviderError.pagingLoop(
                    provider: account.provider,
                    reason: "the cursor \(cursor.storedForm) came back a second time"
                )
            }
            var page: ProviderPage
            if known.digests.isEmpty {
                page = try await provider.fetchPage(state.cursor)
            } else {
                page = try await provider.fetchPage(state.cursor) { [normalizer, digests = known.digests] in
                    digests[normalizer.rawDigest(ofBytesDigest: $0)] != nil
                }
            }
            var outcome = try await storePage(page, known: known, state: &state)
            if outcome == nil {
                page = try await provider.fetchPage(state.cursor)
                outcome = try await storePage(page, known: KnownRows(), state: &state)
            }
            let stored = outcome!
            known.committed(stored)
            let (changed, progress) = (stored.changed, stored.progress)
            state.progress = progress
            options.didCommitPage?(progress)
            state.warnings += page.warnings
            for warning in page.warnings { logger.warning(warning, ["page": String(progress.pages)]) }
            if changed && !options.dryRun { options.didCommitChanges?() }
            state.cursor = page.next
        } while state.cursor != nil
    }

    /// Decides and writes one page in one transaction, or returns nil (having written nothing) when
    /// an undecoded item's row no longer holds the digest that let it be skipped.
    private func storePage(
        _ page: ProviderPage,
        known: KnownRows,
        state: inout CrawlState
    ) async throws -> StoredPage? {
        let observedAt = options.now()
        var progress = state.progress
        progress.pages += 1
        progress.nextPage = page.next?.storedForm
        // A page that recorded no revision wrote only sightings and its checkpoint: its commit need not
        // wait for the disk (CommitSync); one that did is synced, and every page before it with it.
        return try await store.write(rollback: options.dryRun, sync: .whenTheChainGrows) { writer -> StoredPage? in
            let recognized = page.skipped.compactMap { raw -> (assistantID: Int, rawDigest: Int64)? in
                let digest = normalizer.rawDigest(ofBytesDigest: raw)
                return known.digests[digest].map { ($0, digest) }
            }
            // A provider that skipped what it was not asked to skip gets the whole-page path too.
            guard recognized.count == page.skipped.count else { return nil }
            var absentees: [Int]
            if let unwritten = known.absentees(
                among: recognized.map(\.assistantID),
                newestRevision: try writer.newestRevisionSeq()
            ) {
                absentees = unwritten
            } else {
                guard let confirmed = try writer.confirmRawDigests(recognized, accountID: state.accountID) else {
                    return nil
                }
                absentees = confirmed
            }
            progress.seen += recognized.count
            // Every item is decided before anything is written: a bad record refuses the page.
            var sighted = recognized.map(\.assistantID)
            var pending: [PendingItem] = []
            for item in page.records {
                progress.seen += 1
                state.seenInDryRun(item.remoteID)
                let existing = try writer.assistant(accountID: state.accountID, remoteID: item.remoteID)
                let digest = normalizer.rawDigest(of: item)
                // The same bytes under the same normalizer normalize to the current row again.
                if let existing, existing.deletedAt == nil, let digest, existing.rawDigest == digest {
                    sighted.append(existing.id)
                    if existing.absentCrawls != 0 { absentees.append(existing.id) }
                } else {
                    pending.append(
                        PendingItem(
                            observation: try normalizer.normalize(item, hashing: false),
                            existing: existing,
                            rawDigest: digest
                        )
                    )
                }
            }
            var changed = false
            var written = Set<String>()
            for var item in pending {
                // An id repeated within the page meets the row its first occurrence just wrote.
                if !written.insert(item.observation.remoteID).inserted {
                    item.existing = try writer.assistant(
                        accountID: state.accountID,
                        remoteID: item.observation.remoteID
                    )
                }
                if let kind = try record(item, observedAt: observedAt, state: state, writer: writer) {
                    progress.count(kind)
                    changed = true
                } else if let existing = item.existing {
                    sighted.append(existing.id)
                    if existing.absentCrawls != 0 { absentees.append(existing.id) }
                }
            }
            // A dry run has no crawl row to point at, and rolls back anyway. The unchanged cost one row
            // for the page (migration 0008); only those back from an absence are written themselves.
            if let crawlID = state.crawlID {
                try writer.recordSightings(assistantIDs: sighted, page: progress.pages, crawlID: crawlID)
                try writer.markSeen(assistantIDs: absentees, at: observedAt, crawlID: crawlID)
                try writer.checkpoint(crawlID: crawlID, progress: progress, now: observedAt)
            }
            return StoredPage(
                changed: changed,
                progress: progress,
                newestRevision: try writer.newestRevisionSeq(),
                written: pending.compactMap { $0.existing?.id },
                returned: absentees
            )
        }
    }
}
