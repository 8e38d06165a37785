import MirrorCore
import MirrorStore

extension QueryHandler {
    /// `metrics`: the database's families and, when a daemon serves the socket, its live ones.
    func metrics() throws -> String {
        try MirrorMetrics.exposition(reader: reader, live: daemon?.liveMetrics() ?? [])
    }
}
