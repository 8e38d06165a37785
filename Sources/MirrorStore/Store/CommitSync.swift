/// When a write transaction's COMMIT waits for fsync(2) of the WAL.
///
/// In WAL mode `synchronous=FULL` syncs the WAL on every commit; `NORMAL` leaves it to the next
/// checkpoint, so an OS crash or power loss may take back the newest commits, never a part of one and
/// never an older one while a newer survives: the WAL is replayed in order up to its last valid commit
/// (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html). A process
/// crash or `kill -9` loses nothing either way: the commit is in the kernel's page cache.
public enum CommitSync: Sendable {
    /// Every commit is synced (FULL): the default.
    case always
    /// Only a commit that appended to the hash chain (a revision, a prune, a prompt write, an
    /// attribution) is synced, and with it every unsynced commit before it: the transaction runs with
    /// NORMAL (SQLite lets the level change only between transactions) and, if it grew the chain, the
    /// store flushes the WAL itself before `write` returns, which is what FULL adds. For a crawl's pages:
    /// a page of unchanged assistants writes only its sightings and checkpoint, which the next crawl
    /// writes again, so it need not wait for the disk; history already reported is never taken back.
    case whenTheChainGrows
}
