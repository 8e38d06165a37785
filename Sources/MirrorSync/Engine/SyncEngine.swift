import MirrorCore
import MirrorProviders
import MirrorStore

/// Crawls one account: every page in order, each committed in ONE transaction with its revisions,
/// field changes and the crawl checkpoint, then — only after a complete, error-free crawl — the
/// deletion pass. Memory holds one page at a time.
///
/// Change rule (design.md invariant 2): a revision when the provider's `updated_at` moved or the
/// content hash of the redacted canonical snapshot changed; an unchanged re-read writes only its
/// place in its page's sightings row (migration 0008). Deletion rule (invariant 1): an assistant missing from a complete crawl is deleted only
/// when GET-one answers 404, or when it was missing from two consecutive complete crawls and GET-one
/// could not tell; and never when more than `maxDeleteShare` of the account would go at once.
public struct SyncEngine: Sendable {
    public struct Options: Sendable {
        public var dryRun = false
        public var maxDeleteShare = 0.5
        /// Called after each commit that recorded changes (the socket's `changes --follow` waits on it).
        public var didCommitChanges: (@Sendable () -> Void)?
        /// Called after each committed page, for progress lines.
        public var didCommitPage: (@Sendable (CrawlProgress) -> Void)?
        public var now: @Sendable () -> String = Timestamp.now

        public init() {}
    }

    let store: MirrorStore
    let account: AccountConfiguration
    let provider: any AssistantProvider
    let normalizer: Normalizer
    let options: Options
    let logger: Logger

    public init(
        store: MirrorStore,
        account: AccountConfiguration,
        provider: any AssistantProvider,
        normalizer: Normalizer,
        options: Options = Options(),
        logger: Logger
    ) {
        self.store = store
        self.account = account
        self.provider = provider
        self.normalizer = normalizer
        self.options = options
        self.logger = logger.with(["account": account.name])
    }

    /// Runs the crawl to its end. Never throws: a failure is an outcome, recorded in `sync_runs`.
    public func crawl() async -> CrawlOutcome {
        var state = CrawlState(dryRun: options.dryRun)
        do {
            try await begin(&state)
            if state.pagesRemain { try await crawlPages(&state) }
            try await deletionPass(&state)
            try await finish(&state, status: state.refusal == nil ? .ok : .failed, complete: true, error: state.refusal)
        } catch {
            let cancelled = error is CancellationError || Task.isCancelled
            let message = String(describing: error)
            if cancelled {
                logger.notice(
                    "crawl interrupted; it resumes from its checkpoint next time",
                    ["pages": String(state.progress.pages)]
                )
            } else {
                logger.error("crawl failed: \(message)", ["pages": String(state.progress.pages)])
            }
            try? await finish(
                &state,
                status: cancelled ? .interrupted : .failed,
                complete: false,
                error: cancelled ? nil : message
            )
        }
        return state.outcome(account: account.name)
    }

    // MARK: - Steps

    private func begin(_ state: inout CrawlState) async throws {
        let now = options.now()
        let (accountID, resumable) = try await store.write(rollback: options.dryRun) { writer in
            let accountID = try writer.accountID(name: account.name, provider: account.provider, now: now)
            return (accountID, options.dryRun ? nil : try writer.resumableCrawl(accountID: accountID))
        }
        state.accountID = accountID
        if let resumable {
            try await store.write { try $0.resumeCrawl(resumable.id, now: now) }
            state.crawlID = resumable.id
            state.progress = resumable.progress
            state.resumed = true
            state.cursor = try resumable.progress.nextPage.map(PageCursor.init(storedForm:))
            state.pagesRemain = resumable.progress.nextPage != nil || resumable.progress.pages == 0
            logger.notice(
                "resuming an unfinished crawl",
                ["crawl": String(resumable.id), "next": resumable.progress.nextPage ?? "deletion pass"]
            )
        } else if !options.dryRun {
            state.crawlID = try await store.write { try $0.beginCrawl(accountID: accountID, now: now) }
        }
    }

    /// Applies one observation; returns the kind of revision written, or nil for an unchanged re-read,
    /// whose sighting the caller records.
    func record(
        _ item: PendingItem,
        observedAt: String,
        state: CrawlState,
        writer: StoreWriter
    ) throws -> ChangeKind? {
        let unhashed = item.observation
        guard let existing = item.existing else {
            let observation = unhashed.withContentHash()
            let id = try writer.insertAssistant(
                accountID: state.accountID,
                observation: observation,
                at: observedAt,
                crawlID: state.crawlID,
                rawDigest: item.rawDigest
            )
            try writer.appendRevision(
                NewRevision(
                    observation,
                    assistantID: id,
                    revision: 1,
                    kind: .created,
                    observedAt: observedAt,
                    previousObservedAt: nil,
                    crawlID: state.crawlID,
                    fields: []
                )
            )
            return .created
        }
        // The change rule compares content hashes; equal snapshot bytes are equal hashes (the stored
        // content_hash is the SHA-256 of the current revision's snapshot), so the byte comparison
        // decides alike and spares hashing what did not change.
        let kind: ChangeKind
        if existing.deletedAt != nil {
            kind = .restored
        } else if existing.providerUpdatedAt != unhashed.providerUpdatedAt {
            kind = .updated
        } else if try !writer.snapshotIsCurrent(
            unhashed.snapshot,
            assistantID: existing.id,
            revision: existing.revision
        ) {
            kind = .updated
        } else {
            // Without a digest (GET-one) the stored one stays true: the row did not change.
            if let digest = item.rawDigest, digest != existing.rawDigest {
                try writer.setRawDigest(digest, assistantID: existing.id)
            }
            return nil
        }
        let observation = unhashed.withContentHash()
        let fields = FieldDiffer.changes(
            from: (try writer.currentSnapshot(assistantID: existing.id)).flatMap { try? JSONParser.parse($0) } ?? .null,
            to: try JSONParser.parse(observation.snapshot),
            isPromptBearing: normalizer.isPromptBearing
        )
        try writer.updateAssistant(
            id: existing.id,
            observation: observation,
            at: observedAt,
            crawlID: state.crawlID,
            revision: existing.revision + 1,
            rawDigest: item.rawDigest
        )
        try writer.appendRevision(
            NewRevision(
                observation,
                assistantID: existing.id,
                revision: existing.revision + 1,
                kind: kind,
                observedAt: observedAt,
                previousObservedAt: existing.lastSeenAt,
                crawlID: state.crawlID,
                fields: fields
            )
        )
        return kind
    }

    /// Runs only after every page is in. Candidates are the live assistants this crawl did not see.
    private func deletionPass(_ state: inout CrawlState) async throws {
        let unseen = try await store.read { [accountID = state.accountID, crawlID = state.crawlID ?? -1] in
            try $0.unseenAssistants(accountID: accountID, crawlID: crawlID)
        }
        let candidates = options.dryRun ? unseen.filter { !state.dryRunSeen.contains($0.remoteID) } : unseen
        guard !candidates.isEmpty else { return }
        // A single absence always goes through confirmation; several at once must stay under the share.
        if candidates.count > 1 {
            let live = try await store.read { [accountID = state.accountID] in
                try $0.liveAssistantCount(accountID: accountID)
            }
            if Double(candidates.count) > options.maxDeleteShare * Double(live) {
                let share = Int((options.maxDeleteShare * 100).rounded())
                state.refusal =
                    "refused to delete \(candidates.count) of \(live) assistants: more than max-delete-share \(share)% "
                    + "would go in one crawl; nothing was deleted. If this is real, raise max-delete-share for the account and sync again"
                logger.error(state.refusal!)
                return
            }
        }
        for candidate in candidates {
            try Task.checkCancellation()
            let confirmation: FetchOneResult?
            do {
                confirmation = try await provider.fetchOne(remoteID: candidate.remoteID)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning("could not confirm the absence of \(candidate.remoteID): \(error)")
                confirmation = nil
            }
            let now = options.now()
            var progress = state.progress
            let changed = try await store.write(rollback: options.dryRun) { writer -> Bool in
                switch confirmation {
                case .found(let record)?:
                    // Still there: it moved between pages while we crawled. Record it as seen.
                    let item = PendingItem(
                        observation: try normalizer.normalize(record),
                        existing: try writer.assistant(accountID: state.accountID, remoteID: record.remoteID),
                        rawDigest: nil
                    )
                    if let kind = try self.record(item, observedAt: now, state: state, writer: writer) {
                        progress.count(kind)
                        return true
                    }
                    if let crawlID = state.crawlID, let existing = item.existing {
                        try writer.markSeen(assistantIDs: [existing.id], at: now, crawlID: crawlID)
                    }
                    return false
                case .notFound?:
                    try tombstone(candidate, at: now, crawlID: state.crawlID, writer: writer)
                    progress.deleted += 1
                    return true
                case nil:
                    guard let crawlID = state.crawlID, !options.dryRun,
                        try writer.markAbsent(assistantID: candidate.id, crawlID: crawlID) >= 2
                    else { return false }
                    try tombstone(candidate, at: now, crawlID: state.crawlID, writer: writer)
                    progress.deleted += 1
                    return true
                }
            }
            state.progress = progress
            if changed && !options.dryRun { options.didCommitChanges?() }
        }
    }

    private func tombstone(_ assistant: StoredAssistant, at time: String, crawlID: Int?, writer: StoreWriter) throws {
        let number = assistant.revision + 1
        let snapshot = try writer.currentSnapshot(assistantID: assistant.id) ?? "null"
        try writer.markDeleted(id: assistant.id, at: time, revision: number)
        try writer.appendRevision(
            NewRevision(
                assistantID: assistant.id,
                revision: number,
                kind: .deleted,
                observedAt: time,
                previousObservedAt: assistant.lastSeenAt,
                providerUpdatedAt: assistant.providerUpdatedAt,
                contentHash: assistant.contentHash,
                changedBy: nil,
                actorHint: normalizer.accountHint,
                name: assistant.name,
                prompt: nil,
                snapshot: snapshot,
                crawlID: crawlID,
                fields: []
            )
        )
    }

    private func finish(_ state: inout CrawlState, status: CrawlStatus, complete: Bool, error: String?) async throws {
        state.status = status
        state.complete = complete
        state.error = error
        guard let crawlID = state.crawlID, !options.dryRun else { return }
        let progress = state.progress
        try await store.write {
            try $0.finishCrawl(
                crawlID: crawlID,
                status: status,
                complete: complete,
                error: error,
                progress: progress,
                now: options.now()
            )
        }
    }
}
