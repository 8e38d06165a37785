/// A read-only connection for queries (socket requests, reports, `verify`). Not Sendable: one per
/// thread or request. It can neither write nor block the daemon's writer (WAL readers take no lock
/// the writer waits on; https://www.sqlite.org/wal.html#concurrency).
public final class MirrorReader {
    public let connection: Connection

    public init(path: String) throws {
        connection = try Connection(path: path, mode: .readOnly)
    }

    public func verifyChain(anchoredHead: ChainVerification.Head? = nil) throws -> ChainVerification {
        try connection.readTransaction { try ChainVerifier(connection: connection).verify(anchoredHead: anchoredHead) }
    }
}

@available(*, unavailable)
extension MirrorReader: Sendable {}
