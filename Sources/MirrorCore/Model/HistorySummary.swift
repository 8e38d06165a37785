/// What a person or a script wants first about one assistant's history, counted in SQLite without
/// reading the revisions themselves: how many there are, which numbers they span (retention may have
/// pruned the oldest, so the count and the numbers can differ), when the oldest and the newest were
/// observed, and how many changed a prompt-bearing field (the `prompt_changed` of each revision).
public struct HistorySummary: Sendable, Equatable {
    public let revisions: Int
    /// Nil only for an assistant without a revision (none is ever written, but the query says so).
    public let oldestRevision: Int?
    public let newestRevision: Int?
    public let firstObservedAt: String?
    public let lastObservedAt: String?
    public let promptChanges: Int

    public init(
        revisions: Int,
        oldestRevision: Int?,
        newestRevision: Int?,
        firstObservedAt: String?,
        lastObservedAt: String?,
        promptChanges: Int
    ) {
        self.revisions = revisions
        self.oldestRevision = oldestRevision
        self.newestRevision = newestRevision
        self.firstObservedAt = firstObservedAt
        self.lastObservedAt = lastObservedAt
        self.promptChanges = promptChanges
    }
}
