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
            daemon: daemon.map { StatusResult.Daemon(pid: Int(getpid()), startedAt: $0.startedAt) },
            chain: daemon?.chainHealth()
        )
    }

    /// SQLite's check and a whole walk of the chain; without an anchor the daemon's chain state follows
    /// the walk (with one, a mismatch may be a mistyped head rather than an edited history).
    func verify(anchoredHead: ChainVerification.Head?) -> JSONValue {
        let verification = reader.verifyDatabase(anchoredHead: anchoredHead)
        if anchoredHead == nil, let chain = verification.chain { daemon?.chainVerified(chain) }
        return VerificationReply.json(verification)
    }
}
