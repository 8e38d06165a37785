import MirrorCore

/// What `verify` finds, with SQLite's view of the file kept apart from the hash chain's: a corrupt page
/// is a storage fault (restore a backup), a broken chain is an edited history (investigate).
public struct DatabaseVerification: Sendable {
    public let integrity: IntegrityCheck.Result
    /// The chain walk; nil when the history could not be read at all.
    public let chain: ChainVerification?
    /// Why the history could not be read (SQLite's message).
    public let unreadable: String?

    public var isIntact: Bool {
        if case .corrupt = integrity { return false }
        return chain?.isIntact == true
    }
}

extension MirrorReader {
    /// `PRAGMA quick_check`, then the chain walk; a walk that SQLite stops is reported, not thrown.
    public func verifyDatabase(
        anchoredHead: ChainVerification.Head? = nil,
        integrity check: IntegrityCheck = IntegrityCheck()
    ) -> DatabaseVerification {
        let integrity = check.run(connection)
        do {
            return DatabaseVerification(
                integrity: integrity,
                chain: try verifyChain(anchoredHead: anchoredHead),
                unreadable: nil
            )
        } catch {
            return DatabaseVerification(integrity: integrity, chain: nil, unreadable: String(describing: error))
        }
    }
}
