import Foundation

/// Where a provider keeps the fields the mirror lifts into columns, which fields bear prompts, what is
/// secret or volatile, and what hints at who owns an assistant: the record half of a
/// `ProviderDescription`, in the form the normalizer and the diff use.
public struct ProviderSchema: Sendable {
    /// The provider's main prompt field: `prompt_changes.old_prompt/new_prompt` and `assistants_current.prompt`.
    public let promptPath: String
    public let namePath: String
    public let modelPath: String?
    public let voicePath: String?
    public let greetingPath: String?
    /// Fields holding the provider's own modification time. The newest wins: Invent's nested actions
    /// and integrations carry their own `updated_at`, which may move without the parent's.
    public let updatedAtPatterns: [JSONPath.KeyPattern]
    public let updatedAtFormat: ProviderDescription.TimeFormat
    /// Fingerprinted on top of the fields whose names say secret.
    public let secretPaths: [PathPattern]
    /// Never stored, so they never count as a change.
    public let volatilePaths: [PathPattern]
    private let promptPatterns: [PathPattern]
    /// The owner hint's template, read once (see `ownerHint`).
    private let ownerHintParts: [OwnerHintPart]?

    public init(_ description: ProviderDescription) {
        promptPath = description.promptPath
        namePath = description.namePath
        modelPath = description.modelPath
        voicePath = description.voicePath
        greetingPath = description.greetingPath
        updatedAtPatterns = description.updatedAt.map { JSONPath.KeyPattern($0.description) }
        updatedAtFormat = description.updatedAtFormat
        secretPaths = description.secrets
        volatilePaths = description.volatile
        promptPatterns = [PathPattern(description.promptPath)].compactMap { $0 } + description.prompts
        ownerHintParts = description.ownerHint.map(Self.parts)
    }

    /// One piece of an owner hint's template: text as it is, the account's organisation, or a field.
    private enum OwnerHintPart: Sendable {
        case text(String)
        case org
        /// nil: a path that names nothing, so the hint is missing.
        case field([JSONPath.Segment]?)
    }

    /// The template is read once, left to right, so a value that itself contains `{…}` is taken as
    /// text rather than as another placeholder.
    private static func parts(of template: String) -> [OwnerHintPart] {
        var parts: [OwnerHintPart] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let path = String(rest[rest.index(after: open)..<close])
            parts.append(.text(String(rest[..<open])))
            parts.append(path == "org" ? .org : .field(JSONPath.segments(of: path)))
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return parts
    }

    /// The schema of a built-in provider; nil for a described one, whose description lives in the
    /// configuration rather than in the program.
    public static func of(_ kind: ProviderKind) -> ProviderSchema? {
        ProviderDescription.builtIn(kind).map(ProviderSchema.init)
    }

    /// True for a path pattern (`actions[*].instructions`) whose field is prompt-bearing.
    public func isPromptBearing(_ pattern: String) -> Bool {
        promptPatterns.contains { $0.matches(pathPattern: pattern) }
    }

    /// What hints at the owner, never presented as the editor (design.md invariant 5); nil when a
    /// field the hint names is missing or not text.
    public func ownerHint(_ record: JSONValue, _ account: AccountConfiguration) -> String? {
        guard let parts = ownerHintParts else { return nil }
        var hint = ""
        for part in parts {
            switch part {
            case .text(let text): hint += text
            case .org:
                guard let org = account.org else { return nil }
                hint += org
            case .field(let segments):
                guard let value = segments.flatMap({ JSONPath.value(at: $0, in: record) })?.stringValue else {
                    return nil
                }
                hint += value
            }
        }
        return hint
    }

    /// A modification time in the mirror's format, written as the description says.
    public func normalizedTime(_ value: JSONValue) -> String? {
        switch updatedAtFormat {
        case .iso8601: return value.stringValue.flatMap(Timestamp.normalize)
        case .unixSeconds, .unixMilliseconds:
            guard let number = value.doubleValue ?? value.stringValue.flatMap(Double.init), number.isFinite else {
                return nil
            }
            let seconds = updatedAtFormat == .unixSeconds ? number : number / 1000
            return Timestamp.format(Date(timeIntervalSince1970: seconds))
        }
    }

    /// The record without its volatile fields: what the mirror hashes and stores.
    public func removingVolatile(_ record: JSONValue) -> JSONValue {
        volatilePaths.reduce(record) { document, pattern in pattern.rewriting(document) { _ in nil } }
    }
}
