/// The socket's ops (design.md). Reads are open to every peer that can connect (the socket is 0660);
/// `sync` writes, and can be limited to a group; `set-prompt` and `revert` write to the provider, on
/// accounts that say `write = on`, for root, the daemon's user and members of `write-group` only.
public enum QueryOperation: String, CaseIterable, Sendable {
    case status, list, show, history, diff, changes, report, verify, sync, metrics
    case setPrompt = "set-prompt"
    case revert

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Gated by `sync-group` before its parameters are read.
    public var isWrite: Bool { self == .sync }
}
