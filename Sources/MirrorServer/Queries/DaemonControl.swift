import MirrorCore

/// What the query server may ask of the running daemon: its schedule and the one write, `sync`.
///
/// Every method is synchronous and returns without waiting on async code, except `triggerAndWait`,
/// which blocks its caller (a connection's own thread, never a Swift concurrency thread) until the
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
    /// What the daemon's last verification of the hash chain found.
    func chainHealth() -> ChainHealth
    /// A whole, unanchored walk of the chain made for a `verify` request: the daemon's state follows it.
    func chainVerified(_ verification: ChainVerification)
}
