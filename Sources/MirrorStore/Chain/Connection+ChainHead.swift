import MirrorCore

extension Connection {
    /// The tables whose rows are chain entries, all numbered from one seq sequence.
    static let chainTables = ["revisions", "history_prunes", "prompt_writes", "attributions"]

    /// The chain tables this database has: a file from before a migration (a backup `verify --database`
    /// reads as it is) lacks the later ones. One look at the schema table,
    /// https://www.sqlite.org/schematab.html
    func existingChainTables() throws -> [String] {
        let present = Set(
            try rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ("
                    + Self.chainTables.map { _ in "?" }.joined(separator: ", ") + ")",
                Self.chainTables
            ) { $0.string(0)! }
        )
        return Self.chainTables.filter(present.contains)
    }

    /// Whether `revisions` has the prompt span columns of migration 0007 (a backup from before it has not).
    func hasPromptSpans() throws -> Bool {
        try scalarInt("SELECT count(*) FROM pragma_table_info('revisions') WHERE name = 'prompt_offset'") == 1
    }

    /// The newest entry of the hash chain: whichever of `tables` has the highest seq. One primary-key
    /// lookup per table rather than a UNION, so appending stays O(log n). A writer's database is always
    /// migrated, so appends name every chain table without asking the schema; a reader that may hold an
    /// older file passes `existingChainTables()`.
    func currentChainHead(in tables: [String] = Connection.chainTables) throws -> ChainVerification.Head? {
        try tables.compactMap { table in
            try firstRow("SELECT seq, row_hash FROM \(table) ORDER BY seq DESC LIMIT 1") {
                ChainVerification.Head(seq: $0.int(0)!, hash: $0.string(1)!)
            }
        }.max { $0.seq < $1.seq }
    }
}
