/// One `[account "name"]` section, read key by key; `finish()` checks what needs the whole section (a
/// provider, exactly one key source, keys that only some providers take) once the section has ended.
struct AccountSection {
    /// The keys in the order messages and `renderEffective` list them.
    enum Key: String, CaseIterable {
        case provider
        case apiKeyFile = "api-key-file"
        case apiKeyEnv = "api-key-env"
        case credential
        case baseURL = "base-url"
        case interval
        case pageSize = "page-size"
        case maxPages = "max-pages"
        case maxDeleteShare = "max-delete-share"
        case notifyExec = "notify-exec"
        case org
        case listPath = "list-path"
        case pageParameter = "page-parameter"
        case sizeParameter = "size-parameter"
        case itemsKey = "items-key"
        case totalKey = "total-key"
        case auditLog = "audit-log"
        case write
        case writeGroup = "write-group"

        /// The one provider that reads this key, for the keys that are not general.
        var onlyFor: ProviderKind? {
            switch self {
            case .org: .invent
            case .listPath, .pageParameter, .sizeParameter, .itemsKey, .totalKey: .interactly
            default: nil
            }
        }

        static let secretSources: [Key] = [.apiKeyFile, .apiKeyEnv, .credential]
    }

    /// Invent's organisation when none is given: `c` is the organisation of the key itself.
    static let defaultInventOrg = "c"

    private let label: String
    private let name: String
    private let headerLine: Int
    private let file: String
    private let baseDirectory: String
    private var tracker: SectionKeyTracker<Key>
    /// The `provider =` word; whether it names a built-in or a described provider is known only once
    /// every `[provider "NAME"]` section is read (`Parser.finish`).
    private var provider: String?
    private(set) var providerLine: Int?
    private var secret: (source: SecretSource, key: Key)?
    /// Everything else the section sets. Its `provider` and `secret` are stand-ins until `finish()`
    /// writes the real ones, which the section must name.
    private var draft: AccountConfiguration

    init(name: String, headerLine: Int, file: String, baseDirectory: String) {
        self.label = "[account \"\(name)\"]"
        self.name = name
        self.headerLine = headerLine
        self.file = file
        self.baseDirectory = baseDirectory
        self.tracker = SectionKeyTracker(sectionLabel: label)
        self.draft = AccountConfiguration(
            name: name,
            provider: .puretalk,
            secret: .environment(name: ""),
            line: headerLine
        )
    }

    mutating func apply(_ entry: ConfigEntry) throws(ConfigError) {
        let key = try tracker.admit(entry)
        switch key {
        case .provider:
            provider = try entry.text(
                "a provider name (\(ProviderKind.nameRule))",
                where: { ProviderKind(rawValue: $0.lowercased()) != nil }
            ).lowercased()
            providerLine = entry.line
        case .apiKeyFile: try setSecret(.file(path: try entry.path(relativeTo: baseDirectory)), from: key, entry)
        case .apiKeyEnv:
            let variable = try entry.text(
                "an environment variable name (letters, digits, '_')",
                where: Self.isVariableName
            )
            try setSecret(.environment(name: variable), from: key, entry)
        case .credential:
            let credential = try entry.text("a credential name (a file name)", where: Self.isCredentialName)
            try setSecret(.credential(name: credential), from: key, entry)
        case .baseURL: draft.baseURL = try entry.baseURL()
        case .interval: draft.interval = try entry.duration()
        case .pageSize: draft.pageSize = try entry.integer(in: 1...1000)
        case .maxPages: draft.maxPages = try entry.integer(in: 1...100_000)
        case .maxDeleteShare: draft.maxDeleteShare = try entry.share(in: 0...1, excludingZero: true)
        case .org:
            draft.org = try entry.text(
                "an organisation id (letters, digits, '-', '.', '_', '~')",
                where: Self.isURLWord
            )
        case .listPath: draft.listPath = try entry.text("a URL path starting with '/'", where: Self.isListPath)
        case .pageParameter: draft.pageParameter = try entry.parameterName()
        case .sizeParameter: draft.sizeParameter = try entry.parameterName()
        case .itemsKey: draft.itemsKey = try entry.text("a JSON member name")
        case .totalKey: draft.totalKey = try entry.text("a JSON member name")
        case .auditLog: draft.auditLog = try entry.choice(AuditLogSetting.self)
        case .write: draft.write = try entry.choice(WriteSwitch.self) == .on
        case .writeGroup: draft.writeGroup = try entry.groupName()
        case .notifyExec: draft.notifyExec = try entry.path(relativeTo: baseDirectory)
        }
    }

    func finish() throws(ConfigError) -> AccountConfiguration {
        let sourceNames = Key.secretSources.map(\.rawValue).joined(separator: ", ")
        guard let providerWord = provider else {
            let words = ProviderKind.builtIns.map(\.rawValue).joined(separator: ", ")
            throw failure(
                at: headerLine,
                key: .provider,
                "\(label) has no provider; add provider = one of \(words), or the name of a [provider \"NAME\"] section"
            )
        }
        let provider = ProviderKind(rawValue: providerWord)!
        guard let secret else {
            throw failure(at: headerLine, key: nil, "\(label) has no API key source; add one of \(sourceNames)")
        }
        // A described provider may use {org} in its paths, so `org` is checked against it later.
        let misplaced = tracker.lines.filter { key, _ in
            key.onlyFor.map { $0 != provider && (provider.isBuiltIn || key != .org) } ?? false
        }
        if let (key, line) = misplaced.min(by: { $0.value < $1.value }), let owner = key.onlyFor {
            throw failure(
                at: line,
                key: key,
                "\(key.rawValue): only provider \(owner.rawValue) takes this key, and \(label) has provider "
                    + "\(provider.rawValue); remove it"
                    + (key == .org ? "" : " (or set the provider's own key in a [provider \"NAME\"] section)")
            )
        }
        var account = draft
        account.provider = provider
        account.secret = secret.source
        if provider == .invent, account.org == nil { account.org = Self.defaultInventOrg }
        return account
    }

    /// The account with its provider's description; the description is the built-in's unless a
    /// `[provider "NAME"]` section gave one.
    static func resolve(
        _ account: AccountConfiguration,
        providerLine: Int?,
        descriptions: [ProviderKind: ProviderDescription],
        file: String
    ) throws(ConfigError) -> AccountConfiguration {
        let label = "[account \"\(account.name)\"]"
        guard let description = descriptions[account.provider] ?? ProviderDescription.builtIn(account.provider) else {
            let words = ProviderKind.builtIns.map(\.rawValue).joined(separator: ", ")
            throw ConfigError(
                file: file,
                line: providerLine ?? account.line,
                key: Key.provider.rawValue,
                message: "provider: '\(account.provider.rawValue)' is not one of \(words), and no "
                    + "[provider \"\(account.provider.rawValue)\"] section describes it"
            )
        }
        if account.baseURL == nil, description.baseURL == nil {
            throw ConfigError(
                file: file,
                line: account.line,
                key: Key.baseURL.rawValue,
                message: "\(label) has no base-url and [provider \"\(account.provider.rawValue)\"] gives none; "
                    + "add base-url = the API root, e.g. https://api.example.com/v1"
            )
        }
        if description.usesOrg, account.org == nil {
            throw ConfigError(
                file: file,
                line: account.line,
                key: Key.org.rawValue,
                message:
                    "\(label) has no org, and provider \(account.provider.rawValue) puts {org} in its paths; add org"
            )
        }
        var resolved = account
        resolved.providerDescription = description
        return resolved
    }

    private mutating func setSecret(_ source: SecretSource, from key: Key, _ entry: ConfigEntry) throws(ConfigError) {
        if let earlier = secret, let earlierLine = tracker.lines[earlier.key] {
            let sourceNames = Key.secretSources.map(\.rawValue).joined(separator: ", ")
            throw entry.error(
                "\(label) already takes its API key from \(earlier.key.rawValue) (line \(earlierLine)); "
                    + "keep exactly one of \(sourceNames)"
            )
        }
        secret = (source, key)
    }

    private func failure(at line: Int, key: Key?, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line, key: key?.rawValue, message: message)
    }

    /// A POSIX environment variable name as the shells accept it (POSIX.1-2017 §8.1).
    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy {
            $0.isPortableFilenameCharacter && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".")
        }
    }

    /// systemd.exec(5), "Credentials": the name must be a valid file name (no '/', not `.` or `..`, at
    /// most NAME_MAX bytes); ASCII control characters are refused too.
    private static func isCredentialName(_ name: String) -> Bool {
        name != "." && name != ".." && name.utf8.count <= 255
            && name.unicodeScalars.allSatisfy { $0 != "/" && $0.value >= 0x20 && $0.value != 0x7F }
    }

    private static func isURLWord(_ word: String) -> Bool {
        word.utf8.allSatisfy(\.isURLUnreserved)
    }

    private static func isListPath(_ path: String) -> Bool {
        path.hasPrefix("/") && path.utf8.allSatisfy { $0.isURLUnreserved || $0 == UInt8(ascii: "/") }
    }
}
