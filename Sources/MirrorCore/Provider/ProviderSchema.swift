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
    public let updatedAtPatterns: [String]
    public let updatedAtFormat: ProviderDescription.TimeFormat
    /// Fingerprinted on top of the fields whose names say secret.
    public let secretPaths: [PathPattern]
    /// Never stored, so they never count as a change.
    public let volatilePaths: [PathPattern]
    private let promptPatterns: [PathPattern]
    private let ownerTemplate: String?

    public init(_ description: ProviderDescription) {
        promptPath = description.promptPath
        namePath = description.namePath
        modelPath = description.modelPath
        voicePath = description.voicePath
        greetingPath = description.greetingPath
        updatedAtPatterns = description.updatedAt.map(\.description)
        updatedAtFormat = description.updatedAtFormat
        secretPaths = description.secrets
        volatilePaths = description.volatile
        promptPatterns = [PathPattern(description.promptPath)].compactMap { $0 } + description.prompts
        ownerTemplate = description.ownerHint
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
    /// The template is read once, left to right, so a value that itself contains `{…}` is taken as
    /// text rather than as another placeholder.
    public func ownerHint(_ record: JSONValue, _ account: AccountConfiguration) -> String? {
        guard let template = ownerTemplate else { return nil }
        var hint = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let path = String(rest[rest.index(after: open)..<close])
            let value = path == "org" ? account.org : JSONPath.value(at: path, in: record)?.stringValue
            guard let value else { return nil }
            hint += rest[..<open]
            hint += value
            rest = rest[rest.index(after: close)...]
        }
        return hint + rest
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
