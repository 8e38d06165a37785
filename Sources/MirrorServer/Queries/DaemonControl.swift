import MirrorCore

/// What the query server may ask of the running daemon: its schedule, `sync`, and prompt writes.
///
/// Every method is synchronous and returns without waiting on async code, except `triggerAndWait`
/// and `writePrompt`, which block its caller (a connection's own thread, never a Swift concurrency thread) until the
/// crawls end. The composition root (MirrorApp) implements it on top of the scheduler, so this module
/// needs nothing of the sync engine.
public protocol DaemonControl: Sendable {
    /// When the daemon started, as ISO 8601 text.
    var startedAt: String { get }
    /// Who may use `sync`.
    var syncPermission: SyncPermission { get }
    /// Every configured account's schedule.
    func accountSchedules() -> [AccountSchedule]
    /// Asks for crawls of `accounts` (all when empty) now; returns the accounts triggered.
    func trigger(_ accounts: [String]) throws(QueryError) -> [String]
    /// Asks for crawls of `accounts` (all when empty) and waits for their outcomes.
    func triggerAndWait(_ accounts: [String]) throws(QueryError) -> [CrawlOutcome]
    /// `set-prompt`, `revert`: decides whether `peer` may write to the order's account, then writes (or
    /// previews) and records the attempt. Blocks its caller until the provider has answered.
    func writePrompt(_ order: PromptWriteOrder, peer: PeerCredentials?) -> PromptWriteOutcome
    /// The metric families only the running daemon knows (breakers, HTTP counters, notifications),
    /// appended to the database's by the `metrics` op.
    func liveMetrics() -> [MetricFamily]
    /// What the daemon's last verification of the hash chain found.
    func chainHealth() -> ChainHealth
    /// A whole, unanchored walk of the chain made for a `verify` request: the daemon's state follows it.
    func chainVerified(_ verification: ChainVerification)
}
