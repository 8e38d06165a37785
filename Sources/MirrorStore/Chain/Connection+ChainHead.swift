import MirrorCore

extension Connection {
    /// The tables whose rows are chain entries, all numbered from one seq sequence.
    static let chainTables = ["revisions", "history_prunes", "prompt_writes", "attributions"]

    /// The chain tables this database has: a file from before a migration (a backup `verify --database`
    /// reads as it is) lacks the later ones. https://www.sqlite.org/schematab.html
    func existingChainTables() throws -> [String] {
        try Self.chainTables.filter { table in
            try scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) == 1
        }
    }

    /// The newest entry of the hash chain: whichever entry table has the highest seq. One primary-key
    /// lookup per table rather than a UNION, so appending stays O(log n).
    func currentChainHead() throws -> ChainVerification.Head? {
        try existingChainTables().compactMap { table in
            try firstRow("SELECT seq, row_hash FROM \(table) ORDER BY seq DESC LIMIT 1") {
                ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
            }
        }.max { $0.seq < $1.seq }
    }
}
