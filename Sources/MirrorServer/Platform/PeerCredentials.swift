import Glibc

/// Who is at the other end of a Unix socket, as the kernel recorded it at connect(2) time (SO_PEERCRED,
/// unix(7)). Good for logging "who asked" and for gating by uid or gid; never authorize by `pid`, which
/// the kernel reuses. Inside a user namespace an unmapped id reads as the overflow id 65534.
public struct PeerCredentials: Sendable, Equatable {
    public let pid: pid_t
    public let uid: uid_t
    public let gid: gid_t

    public init(pid: pid_t, uid: uid_t, gid: gid_t) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}
