import Foundation

/// Reads the INI configuration of design.md §"Configuration file" into a `MirrorConfiguration`.
///
/// It stops at the first error, in file order, so a user fixes one line at a time and the message
/// never depends on what follows. Zero accounts is a valid file (a daemon that only serves history).
public enum ConfigurationLoader {
    /// Far above any real configuration; stops a wrong path (a log, a disk image) from being slurped.
    static let maximumFileSize = 1 << 20

    /// Reads and parses the file at `path`; relative paths inside resolve against its directory.
    public static func load(path: String) throws(ConfigError) -> MirrorConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFileReader.read(path: path, limit: maximumFileSize)
        } catch {
            throw ConfigError(file: path, line: nil, key: nil, message: "cannot read the configuration: \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "the configuration is not UTF-8 text")
        }
        return try parse(text, sourcePath: path)
    }

    /// Parses `text` as if read from `sourcePath`, which names the file in errors and anchors
    /// relative paths (a relative `sourcePath` is taken from the current directory).
    public static func parse(_ text: String, sourcePath: String) throws(ConfigError) -> MirrorConfiguration {
        var parser = Parser(
            file: sourcePath,
            baseDirectory: ConfigPath.directory(
                of: sourcePath,
                currentDirectory: FileManager.default.currentDirectoryPath
            )
        )
        // A leading byte-order mark is what Windows editors write; it is not part of the first line.
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        // "\r\n" is a single Character in Swift, so both line ends are named.
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            try parser.consume(try ConfigLine(parsing: line, line: index + 1, file: sourcePath), line: index + 1)
        }
        return try parser.finish()
    }
}

/// The state between lines: the section being read and the sections already complete.
private struct Parser {
    private enum OpenSection {
        case none
        case mirror
        case account(AccountSection)
        case provider(ProviderSection)
    }

    let file: String
    let baseDirectory: String
    private var mirror: MirrorSection
    private var mirrorHeaderLine: Int?
    private var accounts: [(account: AccountConfiguration, providerLine: Int?)] = []
    private var accountHeaderLines: [String: Int] = [:]
    private var providers: [ProviderDescription] = []
    private var providerHeaderLines: [ProviderKind: Int] = [:]
    private var open = OpenSection.none

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.mirror = MirrorSection(sourcePath: file, baseDirectory: baseDirectory)
    }

    mutating func consume(_ parsed: ConfigLine, line: Int) throws(ConfigError) {
        switch parsed {
        case .ignorable:
            return
        case .mirrorHeader:
            if let first = mirrorHeaderLine {
                throw failure(line, "duplicate section [mirror]; the first is on line \(first), merge them")
            }
            try closeSection()
            mirrorHeaderLine = line
            open = .mirror
        case .accountHeader(let name):
            if let first = accountHeaderLines[name] {
                throw failure(line, "duplicate account \"\(name)\"; the first is on line \(first), rename one")
            }
            try closeSection()
            accountHeaderLines[name] = line
            open = .account(AccountSection(name: name, headerLine: line, file: file, baseDirectory: baseDirectory))
        case .providerHeader(let name):
            if let first = providerHeaderLines[name] {
                throw failure(line, "duplicate provider \"\(name)\"; the first is on line \(first), merge them")
            }
            try closeSection()
            providerHeaderLines[name] = line
            open = .provider(ProviderSection(name: name, headerLine: line, file: file))
        case .entry(let key, let value):
            let entry = ConfigEntry(key: key, value: value, line: line, file: file)
            switch open {
            case .none:
                throw ConfigError(
                    file: file,
                    line: line,
                    key: key,
                    message: "key '\(key)' is outside any section; put it under [mirror] or [account \"name\"] "
                        + "(or [provider \"name\"])"
                )
            case .mirror:
                try mirror.apply(entry)
            case .account(var section):
                try section.apply(entry)
                open = .account(section)
            case .provider(var section):
                try section.apply(entry)
                open = .provider(section)
            }
        }
    }

    mutating func finish() throws(ConfigError) -> MirrorConfiguration {
        try closeSection()
        var configuration = mirror.settings
        let descriptions = Dictionary(uniqueKeysWithValues: providers.map { ($0.name, $0) })
        configuration.providers = providers
        configuration.accounts = try accounts.map { (entry) throws(ConfigError) in
            try AccountSection.resolve(
                entry.account,
                providerLine: entry.providerLine,
                descriptions: descriptions,
                file: file
            )
        }
        return configuration
    }

    private mutating func closeSection() throws(ConfigError) {
        switch open {
        case .account(let section): accounts.append((try section.finish(), section.providerLine))
        case .provider(let section): providers.append(try section.finish())
        case .none, .mirror: break
        }
        open = .none
    }

    private func failure(_ line: Int, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line, key: nil, message: message)
    }
}
