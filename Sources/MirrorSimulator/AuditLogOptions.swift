/// How the simulated Telnyx audit log misbehaves. The shares are probabilities per change, drawn from a
/// generator of their own, so turning them on never changes the seeded assistants or their edits.
public struct AuditLogOptions: Sendable, Equatable {
    /// Share of events listed only `lateDelay` seconds after the change.
    public var lateShare: Double
    /// Share of changes with no event at all.
    public var missingShare: Double
    /// Share of changes whose window gets a second event by another user.
    public var ambiguousShare: Double
    public var lateDelay: Double

    /// Every event on time: the log a mirror should attribute completely.
    public static let punctual = AuditLogOptions()

    public init(lateShare: Double = 0, missingShare: Double = 0, ambiguousShare: Double = 0, lateDelay: Double = 5) {
        self.lateShare = lateShare
        self.missingShare = missingShare
        self.ambiguousShare = ambiguousShare
        self.lateDelay = lateDelay
    }
}
