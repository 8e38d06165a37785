import Foundation
import MirrorCore
import MirrorServer
import MirrorStore

/// What the daemon says after each crawl: one log line with the chain head, so the head is anchored
/// outside the database (reliability.md §5), and one `STATUS=` line for `systemctl status`.
struct CrawlReporter: Sendable {
    /// The WAL size above which the daemon forces a checkpoint and warns.
    static let walLimit = 64 << 20

    let store: MirrorStore
    let notifier: SystemdNotifier
    let logger: Logger
    /// With Litestream replicating, it owns the checkpoints: the daemon only warns.
    var checkpoints = WALCheckpointOwner.daemon
    /// What the daemon knows of the chain, so `systemctl status` shows a break too.
    var chain: @Sendable () -> ChainHealth = { ChainHealth() }

    func report(_ outcome: CrawlOutcome) async {
        let head = try? store.openReader().chainHead()
        let headText = head?.text ?? "none"
        logger.notice(
            "crawl finished",
            [
                "account": outcome.account, "status": outcome.status.rawValue, "pages": String(outcome.progress.pages),
                "changes": String(outcome.changed), "chain_head": headText,
            ]
        )
        let walWarning = await limitWAL().map { "; WAL \($0 >> 20) MiB, held open by a reader" } ?? ""
        let shortHead = head.map { "\($0.seq):\($0.hash.prefix(12))" } ?? "none"
        let broken = chain().problem.map { "; CHAIN BROKEN at seq \($0.seq) (see status)" } ?? ""
        _ = notifier.status(
            "last crawl: \(outcome.account) \(outcome.status.rawValue), \(outcome.changed) change(s); chain head \(shortHead)\(broken)\(walWarning)"
        )
    }

    /// A reader that keeps a snapshot open (a forgotten `sqlite3` shell inside BEGIN) stops checkpoints
    /// from resetting the WAL, which then grows without bound (https://www.sqlite.org/wal.html, "Avoiding
    /// Excessively Large WAL Files"). Past the limit, try a TRUNCATE checkpoint; returns the size when
    /// the WAL stays too large. While Litestream owns the checkpoints the daemon only warns.
    func limitWAL(limit: Int = walLimit) async -> Int? {
        let walPath = store.path + "-wal"
        func walSize() -> Int {
            (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
        }
        guard walSize() > limit else { return nil }
        if checkpoints == .daemon { _ = try? await store.withWriterConnection { try $0.checkpointTruncate() } }
        let size = walSize()
        guard size > limit else { return nil }
        logger.warning(
            checkpoints == .daemon
                ? "the WAL is \(size >> 20) MiB and cannot be checkpointed: a reader holds an old snapshot open; end long sqlite3 sessions"
                : "the WAL is \(size >> 20) MiB and Litestream checkpoints it (wal-checkpoints = litestream): is Litestream running?"
        )
        return size
    }
}
