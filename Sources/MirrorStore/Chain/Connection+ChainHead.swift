import MirrorCore

extension Connection {
    /// The tables whose rows are chain entries, all numbered from one seq sequence.
    static let chainTables = ["revisions", "history_prunes", "prompt_writes", "attributions"]

    /// The newest entry of the hash chain: whichever entry table has the highest seq. One primary-key
    /// lookup per table rather than a UNION, so appending stays O(log n).
    func currentChainHead() throws -> ChainVerification.Head? {
        try Self.chainTables.compactMap { table in
            try firstRow("SELECT seq, row_hash FROM \(table) ORDER BY seq DESC LIMIT 1") {
                ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
            }
        }.max { $0.seq < $1.seq }
    }
}
