/// How much history one account has, for the metrics.
public struct AccountHistoryCounts: Sendable, Equatable {
    public let account: String
    /// Revisions ever recorded: the sum of each assistant's current revision number, which only grows
    /// (retention prunes rows, never the numbering), so it is a true counter.
    public let revisionsRecorded: Int
    /// Prompt changes (rows of the `prompt_changes` view). Retention never prunes them, so this only
    /// grows too.
    public let promptChangesRecorded: Int

    public init(account: String, revisionsRecorded: Int, promptChangesRecorded: Int) {
        self.account = account
        self.revisionsRecorded = revisionsRecorded
        self.promptChangesRecorded = promptChangesRecorded
    }
}
