import MirrorCore
import MirrorProviders
import MirrorStore

extension SyncEngine {
    /// Records `record`, read back right after a write through the mirror, by the same change rule as a
    /// crawl, with `editor` as the revision's `changed_by`. Returns the new revision's seq, nil when the
    /// re-read changed nothing the mirror keeps.
    func recordWritten(_ record: RemoteRecord, editor: String, accountID: Int, writer: StoreWriter) throws -> Int? {
        var observation = try normalizer.normalize(record, hashing: false)
        observation.changedBy = editor
        var state = CrawlState(dryRun: false)
        state.accountID = accountID
        let existing = try writer.assistant(accountID: accountID, remoteID: record.remoteID)
        let item = PendingItem(observation: observation, existing: existing, rawDigest: nil)
        guard try self.record(item, observedAt: options.now(), state: state, writer: writer) != nil,
            let stored = try writer.assistant(accountID: accountID, remoteID: record.remoteID)
        else { return nil }
        return try writer.revisionSeq(assistantID: stored.id, revision: stored.revision)
    }
}
