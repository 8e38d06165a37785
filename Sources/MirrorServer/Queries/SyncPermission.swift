import Foundation

/// Who may use the socket's `sync` op: everyone who can connect, or (with `sync-group`) root, the
/// daemon's own user, and members of that group.
public struct SyncPermission: Sendable {
    public let groupName: String?
    let groupID: gid_t?

    /// Throws when the group does not exist: a typo must not silently open or close the op.
    public init(groupName: String?) throws {
        self.groupName = groupName
        guard let groupName else {
            groupID = nil
            return
        }
        guard let group = getgrnam(groupName) else { throw SyncPermissionError.unknownGroup(groupName) }
        groupID = group.pointee.gr_gid
    }

    public func allows(_ peer: PeerCredentials?) -> Bool {
        guard let groupID else { return true }
        guard let peer else { return false }
        return Self.isPrivileged(peer) || Self.isMember(peer, of: groupID)
    }

    /// Root and the daemon's own user.
    static func isPrivileged(_ peer: PeerCredentials) -> Bool {
        peer.uid == 0 || peer.uid == getuid()
    }

    /// Whether the peer's primary group, or one the group database gives its user, is `groupID`.
    static func isMember(_ peer: PeerCredentials, of groupID: gid_t) -> Bool {
        peer.gid == groupID || supplementaryGroups(of: peer.uid).contains(groupID)
    }

    /// The user's groups from the group database (getgrouplist(3)), as the kernel would grant at login.
    static func supplementaryGroups(of uid: uid_t) -> [gid_t] {
        guard let account = getpwuid(uid) else { return [] }
        let name = account.pointee.pw_name
        let primary = account.pointee.pw_gid
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, primary, &groups, &count) >= 0 else { return [] }
        }
        return Array(groups.prefix(Int(count)))
    }
}

public enum SyncPermissionError: Error, CustomStringConvertible {
    case unknownGroup(String)

    public var description: String {
        "sync-group \(unknownGroup) does not exist on this host (getent group lists the groups)"
    }

    private var unknownGroup: String {
        switch self {
        case .unknownGroup(let name): name
        }
    }
}
