/// One change the simulator applied to its ground truth: what a correct mirror should eventually record.
public struct SimulatedEdit: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case created, deleted, restored, promptChanged, fieldChanged
    }

    public let provider: SimulatedProvider
    public let remoteID: String
    public let kind: Kind
    /// The wire path that changed, e.g. `prompt`, `config.instructions`, `actions[0].instructions`; nil for
    /// created, deleted and restored.
    public let field: String?
    /// Strings as sent; other JSON values as compact JSON text. For created/restored `newValue`, and for
    /// deleted `oldValue`, is the main prompt.
    public let oldValue: String?
    public let newValue: String?
    /// Whether the record's own `updated_at` (or `updatedAt`) moved with this change.
    public let bumpedUpdatedAt: Bool
    /// Who made it: the ground truth an audit attribution is checked against. Writes through an update
    /// endpoint are the key owner's; other edits name a seeded dashboard user, or whoever the test chose.
    public internal(set) var editor: SimulatedUser?

    public init(
        provider: SimulatedProvider,
        remoteID: String,
        kind: Kind,
        field: String? = nil,
        oldValue: String? = nil,
        newValue: String? = nil,
        bumpedUpdatedAt: Bool,
        editor: SimulatedUser? = nil
    ) {
        self.provider = provider
        self.remoteID = remoteID
        self.kind = kind
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.bumpedUpdatedAt = bumpedUpdatedAt
        self.editor = editor
    }

    /// One line for the `simulate` log; values are summarised, never printed whole (a prompt may be 200 KB).
    public var description: String {
        var line = "\(provider) \(remoteID) \(kind.rawValue)"
        if let field { line += " \(field)" }
        switch (oldValue, newValue) {
        case (let old?, let new?):
            // Long texts usually share a beginning; show them from a little before the first difference.
            let shared = zip(old, new).prefix { $0 == $1 }.count
            let skip = max(0, shared - 20)
            let marker = skip > 0 ? "…" : ""
            line += ": \(Self.summary(marker + old.dropFirst(skip))) -> \(Self.summary(marker + new.dropFirst(skip)))"
        case (nil, let new?): line += ": \(Self.summary(new))"
        case (let old?, nil): line += ": was \(Self.summary(old))"
        case (nil, nil): break
        }
        if bumpedUpdatedAt { line += " (updated_at bumped)" }
        return line
    }

    private static func summary(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\n", with: " ⏎ ")
        let limit = 60
        guard flat.count > limit else { return "\"\(flat)\"" }
        return "\"\(flat.prefix(limit))…\" (\(value.utf8.count) bytes)"
    }
}
