import MirrorCore
import MirrorProtocol

extension QueryHandler {
    /// The daemon, when there is one and `peer` may write through it.
    func writableDaemon(_ id: JSONValue, peer: PeerCredentials?) throws(QueryFailure) -> any DaemonControl {
        guard let daemon else {
            throw QueryFailure(
                id: id,
                code: .unavailable,
                message: "sync needs the daemon; run `assistant-mirror sync --config FILE` instead"
            )
        }
        guard daemon.syncPermission.allows(peer) else {
            throw QueryFailure(
                id: id,
                code: .forbidden,
                message: "sync is limited to members of group \(daemon.syncPermission.groupName ?? "?") (sync-group)"
            )
        }
        return daemon
    }

    func sync(_ request: SyncRequest, daemon: any DaemonControl) throws -> SyncResult {
        if request.wait {
            let outcomes = try daemon.triggerAndWait(request.accounts)
            return SyncResult(triggered: outcomes.map(\.account), outcomes: outcomes.map(SyncOutcome.init))
        }
        return SyncResult(triggered: try daemon.trigger(request.accounts), outcomes: nil)
    }
}
