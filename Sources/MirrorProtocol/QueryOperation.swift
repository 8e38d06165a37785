/// The socket's ops (design.md). Reads are open to every peer that can connect (the socket is 0660);
/// `sync` writes, and can be limited to a group.
public enum QueryOperation: String, CaseIterable, Sendable {
    case status, list, show, history, diff, changes, report, verify, sync, metrics

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public var isWrite: Bool { self == .sync }
}
