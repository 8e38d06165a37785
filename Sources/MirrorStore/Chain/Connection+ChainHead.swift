import MirrorCore

extension Connection {
    /// The newest entry of the hash chain: a revision or a prune record, whichever has the higher seq.
    /// Two primary-key lookups rather than a UNION, so appending stays O(log n).
    func currentChainHead() throws -> ChainVerification.Head? {
        let revision = try firstRow("SELECT seq, row_hash FROM revisions ORDER BY seq DESC LIMIT 1") {
            ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
        }
        let prune = try firstRow("SELECT seq, row_hash FROM history_prunes ORDER BY seq DESC LIMIT 1") {
            ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
        }
        switch (revision, prune) {
        case (let revision?, let prune?): return revision.seq > prune.seq ? revision : prune
        case (let revision?, nil): return revision
        case (nil, let prune): return prune
        }
    }
}
