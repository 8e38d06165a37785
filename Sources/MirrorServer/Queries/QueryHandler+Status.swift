import Foundation
import MirrorCore
import MirrorProtocol
import MirrorStore

extension QueryHandler {
    /// Every account the database or the daemon's schedule knows, the history's size and head.
    func status() throws -> StatusResult {
        StatusResult(
            accounts: AccountStatusEntry.merging(
                stored: try reader.accountStatus(),
                schedules: daemon?.accountSchedules() ?? []
            ),
            revisions: try reader.revisionCount(),
            chainHead: try reader.chainHead(),
            database: reader.path,
            version: MirrorVersion.current,
            daemon: daemon.map { StatusResult.Daemon(pid: Int(getpid()), startedAt: $0.startedAt) }
        )
    }
}
