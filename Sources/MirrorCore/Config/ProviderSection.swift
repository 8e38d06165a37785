/// One `[provider "NAME"]` section: a description of an assistant API, or, under a built-in's name,
/// changes to that built-in (`[provider "interactly"]` with `items = data.assistants`). Every key is
/// checked as it is read; `finish()` checks what needs the whole section.
struct ProviderSection {
    typealias Key = ProviderDescription.Key

    let name: ProviderKind
    let headerLine: Int
    private let label: String
    private let file: String
    private var tracker: SectionKeyTracker<Key>
    private var description: ProviderDescription
    /// The update call's parts, joined in `finish()`: a built-in's call is the starting point.
    private var updateMethod: String?
    private var updatePath: String?
    private var updatePrompt: String?
    private var updateCarry: [String]

    /// Keys a description of a provider the mirror does not ship must give.
    static let requiredKeys: [Key] = [.listPath, .getPath, .prompt]

    init(name: ProviderKind, headerLine: Int, file: String) {
        self.name = name
        self.headerLine = headerLine
        self.label = "[provider \"\(name.rawValue)\"]"
        self.file = file
        self.tracker = SectionKeyTracker(sectionLabel: label)
        let base =
            ProviderDescription.builtIn(name)
            ?? ProviderDescription(name: name, listPath: "/", getPath: "/{id}", promptPath: "prompt")
        self.description = base
        self.updateMethod = base.update?.method
        self.updatePath = base.update?.path
        self.updatePrompt = base.update?.promptPath
        self.updateCarry = base.update?.carry ?? []
    }

    mutating func apply(_ entry: ConfigEntry) throws(ConfigError) {
        let key = try tracker.admit(entry)
        let unset = entry.value == ProviderDescription.unsetWord
        switch key {
        case .baseURL: description.baseURL = unset ? nil : try entry.baseURL()
        case .listPath: description.listPath = try entry.apiPath(placeholders: ["{org}"])
        case .getPath: description.getPath = try entry.apiPath(placeholders: ["{org}", "{id}"], requiring: "{id}")
        case .getItem: description.getItem = try entry.replyPath()
        case .authHeader: description.authHeader = try entry.text(Self.tokenRule, where: Self.isToken)
        case .authScheme: description.authScheme = unset ? nil : try entry.text(Self.tokenRule, where: Self.isToken)
        case .paging: description.paging = try entry.choice(ProviderDescription.Paging.self)
        case .pageParameter: description.pageParameter = unset ? nil : try entry.parameterName()
        case .sizeParameter: description.sizeParameter = unset ? nil : try entry.parameterName()
        case .firstPage: description.firstPage = try entry.integer(in: 0...1)
        case .maxSize: description.maxSize = try entry.integer(in: 1...1000)
        case .items: description.items = try entry.replyPath()
        case .totalField: description.totalField = unset ? nil : try entry.singlePath()
        case .totalHeader: description.totalHeader = unset ? nil : try entry.text(Self.tokenRule, where: Self.isToken)
        case .totalPagesField: description.totalPagesField = unset ? nil : try entry.singlePath()
        case .moreField: description.moreField = unset ? nil : try entry.singlePath()
        case .cursorField: description.cursorField = unset ? nil : try entry.singlePath()
        case .nextField: description.nextField = unset ? nil : try entry.singlePath()
        case .requestsPerMinute: description.requestsPerMinute = unset ? nil : try entry.integer(in: 1...100_000)
        case .id: description.idPath = try entry.singlePath()
        case .name: description.namePath = try entry.fieldPath()
        case .model: description.modelPath = unset ? nil : try entry.fieldPath()
        case .voice: description.voicePath = unset ? nil : try entry.fieldPath()
        case .greeting: description.greetingPath = unset ? nil : try entry.fieldPath()
        case .prompt: description.promptPath = try entry.fieldPath()
        case .prompts: description.prompts = try entry.patterns()
        case .updatedAt: description.updatedAt = try entry.patterns()
        case .updatedAtFormat: description.updatedAtFormat = try entry.choice(ProviderDescription.TimeFormat.self)
        case .secrets: description.secrets = try entry.patterns()
        case .volatile: description.volatile = try entry.patterns()
        case .deleted: description.deletedFlag = unset ? nil : try entry.singlePath()
        case .ownerHint: description.ownerHint = unset ? nil : try entry.text("a text with {field} placeholders")
        case .hooks: description.hooks = try entry.words(ProviderDescription.Hook.self)
        case .updateMethod:
            updateMethod =
                unset ? nil : try entry.text("one of PATCH, PUT, POST") { ["PATCH", "PUT", "POST"].contains($0) }
        case .updatePath:
            updatePath = unset ? nil : try entry.apiPath(placeholders: ["{org}", "{id}"], requiring: "{id}")
        case .updatePrompt: updatePrompt = unset ? nil : try entry.fieldPath()
        case .updateCarry: updateCarry = try entry.patterns().map(\.description)
        case .auditLogPath: description.auditLogPath = unset ? nil : try entry.apiPath(placeholders: [])
        }
    }

    func finish() throws(ConfigError) -> ProviderDescription {
        if !name.isBuiltIn, let missing = Self.requiredKeys.first(where: { tracker.lines[$0] == nil }) {
            let names = Self.requiredKeys.map(\.rawValue).joined(separator: ", ")
            throw failure(
                headerLine,
                missing,
                "\(label) describes a new provider and has no \(missing.rawValue); it needs \(names)"
            )
        }
        var result = description
        let pagingLine = tracker.lines[.paging] ?? headerLine
        if [.page, .offset, .cursor].contains(result.paging), result.pageParameter == nil {
            throw failure(
                pagingLine,
                .paging,
                "paging = \(result.paging.rawValue) needs page-parameter, the query parameter of the position"
            )
        }
        if result.paging == .cursor, result.cursorField == nil {
            throw failure(
                pagingLine,
                .paging,
                "paging = cursor needs cursor-field, the reply field holding the next cursor (e.g. last_id)"
            )
        }
        if result.paging == .next, result.nextField == nil {
            throw failure(pagingLine, .paging, "paging = next needs next-field, the reply field holding the next URL")
        }
        let update = [(Key.updateMethod, updateMethod), (.updatePath, updatePath), (.updatePrompt, updatePrompt)]
        let given = update.filter { $0.1 != nil }
        if given.isEmpty {
            result.update = nil
        } else if let (missing, _) = update.first(where: { $0.1 == nil }) {
            let line = given.compactMap { tracker.lines[$0.0] }.min() ?? headerLine
            throw failure(
                line,
                missing,
                "\(label) describes an update call without \(missing.rawValue); give update-method, update-path and update-prompt, or none of them (read-only)"
            )
        } else if let method = updateMethod, let path = updatePath, let prompt = updatePrompt {
            result.update = ProviderDescription.UpdateCall(
                method: method,
                path: path,
                promptPath: prompt,
                carry: updateCarry
            )
        }
        return result
    }

    private func failure(_ line: Int, _ key: Key, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line, key: key.rawValue, message: "\(key.rawValue): \(message)")
    }

    static let tokenRule = "an HTTP token (letters, digits and !#$%&'*+-.^_`|~)"

    /// RFC 9110 §5.6.2 `token`: header names and auth schemes.
    static func isToken(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
