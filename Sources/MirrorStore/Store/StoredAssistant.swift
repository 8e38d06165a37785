/// An assistant's current row, as the sync engine needs it to decide what changed: narrow on purpose,
/// so an unchanged re-read reads no prompt or snapshot (`StoreWriter.currentSnapshot` has those).
public struct StoredAssistant: Sendable, Equatable {
    public let id: Int
    public let accountID: Int
    public let remoteID: String
    public let name: String?
    public let providerUpdatedAt: String?
    public let contentHash: String
    /// The last sighting as view `assistants_last_seen` defines it (migration 0008): what a change's
    /// `previous_observed_at` says.
    public let lastSeenAt: String
    public let lastSeenCrawl: Int?
    public let absentCrawls: Int
    public let deletedAt: String?
    public let revision: Int
    /// The seeded `RawDigest` of the bytes the current row was last confirmed from (migration 0004).
    public let rawDigest: Int64?
}

/// The normalized, redacted form of one provider record: what the mirror stores.
/// One field-level change of a revision.
/// The crawl checkpoint and counters committed with each page.
