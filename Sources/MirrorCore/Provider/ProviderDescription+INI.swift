/// The description in the configuration's syntax: one `key = value` line per key, in `Key` order, so
/// `assistant-mirror providers` prints what a user can copy and `ConfigurationLoader` reads back.
extension ProviderDescription {
    /// The keys of a `[provider "NAME"]` section, in the order they are printed.
    public enum Key: String, CaseIterable, Sendable {
        case baseURL = "base-url"
        case listPath = "list-path"
        case getPath = "get-path"
        case getItem = "get-item"
        case authHeader = "auth-header"
        case authScheme = "auth-scheme"
        case paging
        case pageParameter = "page-parameter"
        case sizeParameter = "size-parameter"
        case firstPage = "first-page"
        case maxSize = "max-size"
        case items
        case totalField = "total-field"
        case totalHeader = "total-header"
        case totalPagesField = "total-pages-field"
        case moreField = "more-field"
        case cursorField = "cursor-field"
        case nextField = "next-field"
        case requestsPerMinute = "requests-per-minute"
        case id, name, model, voice, greeting, prompt, prompts
        case updatedAt = "updated-at"
        case updatedAtFormat = "updated-at-format"
        case secrets, volatile, deleted
        case ownerHint = "owner-hint"
        case hooks
        case updateMethod = "update-method"
        case updatePath = "update-path"
        case updatePrompt = "update-prompt"
        case updateCarry = "update-carry"
        case auditLogPath = "audit-log-path"
    }

    /// The word that leaves an optional key unset (and the value printed for one that is).
    public static let unsetWord = "none"
    /// The `items` and `get-item` value meaning "the reply itself".
    public static let wholeReply = "."

    /// `[provider "NAME"]` and every key, unset ones as `none`.
    public func renderedSection() -> String {
        (["[provider \"\(name.rawValue)\"]"] + Key.allCases.map { "\($0.rawValue) = \(text(of: $0))" })
            .joined(separator: "\n") + "\n"
    }

    /// The value of `key` as the configuration writes it.
    public func text(of key: Key) -> String {
        func optional(_ value: String?) -> String { value ?? Self.unsetWord }
        func list(_ values: [String]) -> String { values.isEmpty ? Self.unsetWord : values.joined(separator: ", ") }
        return switch key {
        case .baseURL: optional(baseURL?.absoluteString)
        case .listPath: listPath
        case .getPath: getPath
        case .getItem: getItem ?? Self.wholeReply
        case .authHeader: authHeader
        case .authScheme: optional(authScheme)
        case .paging: paging.rawValue
        case .pageParameter: optional(pageParameter)
        case .sizeParameter: optional(sizeParameter)
        case .firstPage: String(firstPage)
        case .maxSize: String(maxSize)
        case .items: items ?? Self.wholeReply
        case .totalField: optional(totalField)
        case .totalHeader: optional(totalHeader)
        case .totalPagesField: optional(totalPagesField)
        case .moreField: optional(moreField)
        case .cursorField: optional(cursorField)
        case .nextField: optional(nextField)
        case .requestsPerMinute: optional(requestsPerMinute.map(String.init))
        case .id: idPath
        case .name: namePath
        case .model: optional(modelPath)
        case .voice: optional(voicePath)
        case .greeting: optional(greetingPath)
        case .prompt: promptPath
        case .prompts: list(prompts.map(\.description))
        case .updatedAt: list(updatedAt.map(\.description))
        case .updatedAtFormat: updatedAtFormat.rawValue
        case .secrets: list(secrets.map(\.description))
        case .volatile: list(volatile.map(\.description))
        case .deleted: optional(deletedFlag)
        case .ownerHint: optional(ownerHint)
        case .hooks: list(hooks.map(\.rawValue))
        case .updateMethod: optional(update?.method)
        case .updatePath: optional(update?.path)
        case .updatePrompt: optional(update?.promptPath)
        case .updateCarry: list(update?.carry ?? [])
        case .auditLogPath: optional(auditLogPath)
        }
    }
}
