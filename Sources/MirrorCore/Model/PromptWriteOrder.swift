/// One request to change an assistant's main prompt through the mirror (`set-prompt`, `revert`), as the
/// query server hands it to the daemon: what to write, why, and who asked.
public struct PromptWriteOrder: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case setPrompt = "set-prompt"
        case revert
    }

    public var account: String
    public var remoteID: String
    public var operation: Operation
    /// `revert`: the revision whose prompt is restored.
    public var revertedTo: Int?
    /// The new main prompt, whole.
    public var prompt: String
    public var reason: String
    /// Write even when the provider's record differs from the mirror's current revision.
    public var force: Bool
    /// Prepare the request and change nothing.
    public var dryRun: Bool
    /// The editor as recorded: `unix:<user name> (uid N)`.
    public var requestedBy: String

    public init(
        account: String,
        remoteID: String,
        operation: Operation,
        revertedTo: Int? = nil,
        prompt: String,
        reason: String,
        force: Bool = false,
        dryRun: Bool = false,
        requestedBy: String
    ) {
        self.account = account
        self.remoteID = remoteID
        self.operation = operation
        self.revertedTo = revertedTo
        self.prompt = prompt
        self.reason = reason
        self.force = force
        self.dryRun = dryRun
        self.requestedBy = requestedBy
    }

    /// The editor's name for a Unix user, as `changed_by` records it.
    public static func editor(userName: String?, uid: UInt32) -> String {
        "unix:\(userName ?? "uid\(uid)") (uid \(uid))"
    }
}
