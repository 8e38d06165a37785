import Foundation

/// Who may write prompts through the mirror (`set-prompt`, `revert`): root, the daemon's own user, and
/// members of `write-group` when one is set. Unlike `sync-group`, no group means nobody else: a write
/// reaches the provider, so it is closed unless opened.
public struct WritePermission: Sendable {
    public let groupName: String?

    public init(groupName: String?) {
        self.groupName = groupName
    }

    /// Nil when `peer` may write; otherwise why not, for the `forbidden` reply.
    public func refusal(_ peer: PeerCredentials?) -> String? {
        guard let peer else {
            return "the connection's peer credentials (SO_PEERCRED) could not be read, so the writer is unknown"
        }
        if SyncPermission.isPrivileged(peer) { return nil }
        let who = "uid \(peer.uid)"
        guard let groupName else {
            return "\(who) may not write prompts: only root and the daemon's user may, as no write-group is set "
                + "(set write-group = GROUP in [mirror] or the account, and add the user to it)"
        }
        // Looked up at each write, so a group created or filled after start-up counts at once.
        guard let group = getgrnam(groupName) else {
            return "write-group \(groupName) does not exist on this host (getent group lists the groups); "
                + "only root and the daemon's user may write until it does"
        }
        if SyncPermission.isMember(peer, of: group.pointee.gr_gid) { return nil }
        return "\(who) is not a member of write-group \(groupName); add the user to the group (usermod -aG) "
            + "and connect again"
    }
}
