/// The paths one revision changed, and whether any of them bears a prompt.
public struct ChangedFields: Sendable, Equatable {
    /// Sorted.
    public let paths: [String]
    public let promptChanged: Bool

    public init(paths: [String], promptChanged: Bool) {
        self.paths = paths
        self.promptChanged = promptChanged
    }
}
