import MirrorStore

/// What a crawl knows of its account's live rows, so an unchanged item is neither decoded nor its row
/// read again (issue 9). Read in one transaction when the page loop starts.
///
/// A fact about a row holds until the row is written: by this crawl (`rewritten`), or by anyone else.
/// This crawl is its account's only one (the scheduler runs one per account, `DatabaseLock` one
/// process per database), and every other write to an assistant row appends a revision (a
/// write-back's re-read), so while the newest revision is still `revisionSeq` the facts hold for
/// every row this crawl did not write; otherwise the page asks the database
/// (`StoreWriter.confirmRawDigests`), as it would for a row in `rewritten`.
struct KnownRows: Sendable {
    /// Seeded raw digest (`Normalizer.rawDigest`) → local id, of the account's live assistants.
    var digests = RawDigestIndex()
    /// Live assistants counted absent: sighting one again is a state change, written into its row.
    var absent: Set<Int> = []
    /// The newest revision when the facts were last known to hold; nil for an empty history.
    var revisionSeq: Int?
    /// Rows this crawl wrote (or may have written) since the facts were read.
    var rewritten: Set<Int> = []

    /// The absentees among `ids`, when nothing but this crawl can have written them since; nil when
    /// their rows must be checked.
    func absentees(among ids: [Int], newestRevision: Int?) -> [Int]? {
        guard newestRevision == revisionSeq, !ids.contains(where: rewritten.contains) else { return nil }
        return ids.filter(absent.contains)
    }

    /// After a committed page: the newest revision it saw, the rows it wrote, the absences it ended.
    mutating func committed(_ page: StoredPage) {
        revisionSeq = page.newestRevision
        rewritten.formUnion(page.written)
        absent.subtract(page.returned)
    }
}
