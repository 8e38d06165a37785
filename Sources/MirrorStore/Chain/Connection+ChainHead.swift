import MirrorCore

extension Connection {
    /// The tables whose rows are chain entries; each has `seq` as its primary key and a `row_hash`.
    static let chainTables = ["revisions", "history_prunes", "attributions"]

    /// The newest entry of the hash chain: the entry with the highest seq in any chain table. One
    /// primary-key lookup per table rather than a UNION, so appending stays O(log n).
    func currentChainHead() throws -> ChainVerification.Head? {
        var head: ChainVerification.Head?
        for table in Self.chainTables {
            let newest = try firstRow("SELECT seq, row_hash FROM \(table) ORDER BY seq DESC LIMIT 1") {
                ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
            }
            if let newest, newest.seq > head?.seq ?? 0 { head = newest }
        }
        return head
    }
}
