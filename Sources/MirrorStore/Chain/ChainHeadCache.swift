import MirrorCore

/// The newest entry of the hash chain as one write transaction knows it, so that appending a hundred
/// revisions in a page's transaction looks it up once instead of a hundred times (four primary-key
/// lookups each, plus the statement overhead: 2.4% of a first mirror's CPU).
///
/// Sound because the transaction is the database's only writer from its `BEGIN IMMEDIATE` to its end
/// (https://www.sqlite.org/lang_transaction.html), the cache lives and dies with its `StoreWriter`,
/// and every append of a chain entry (revision, prune, prompt write, attribution) reads the head here
/// and records its own entry here once its INSERT has succeeded. A failed INSERT leaves the cache as it
/// was, as SQLite's statement rollback leaves the table.
final class ChainHeadCache {
    /// `.none` until read; `.some(nil)` for an empty chain.
    private var head: ChainVerification.Head??

    /// The head, read from `connection` the first time.
    func current(_ connection: Connection) throws -> ChainVerification.Head? {
        if let head { return head }
        let read = try connection.currentChainHead()
        head = .some(read)
        return read
    }

    /// Whether this transaction appended to the chain: its commit must then be synced (`CommitSync`).
    private(set) var grew = false

    /// Records the entry just appended as the new head.
    func appended(seq: Int, hash: String) {
        head = .some(ChainVerification.Head(seq: seq, hash: hash))
        grew = true
    }
}
