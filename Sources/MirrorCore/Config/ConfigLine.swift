/// One physical line of the configuration file, classified.
///
/// As in systemd.syntax(7), comments are whole lines starting with `#` or `;`; a `#` after a value is
/// part of the value, so a `#` in a path is never cut. Then `[mirror]`, `[account "name"]` and
/// `[provider "name"]` headers,
/// and `key = value` with the blanks around key and value dropped. A value may be wrapped in double quotes to keep leading or trailing blanks; there
/// are no escapes inside.
enum ConfigLine: Equatable {
    case ignorable
    case mirrorHeader
    case accountHeader(name: String)
    case providerHeader(name: ProviderKind)
    case entry(key: String, value: String)

    static let headerSyntax = "write [mirror] or [account \"name\"] (or [provider \"name\"] to describe a provider)"

    init(parsing raw: Substring, line: Int, file: String) throws(ConfigError) {
        let text = raw.trimmingBlanks()
        if text.isEmpty || text.hasPrefix("#") || text.hasPrefix(";") {
            self = .ignorable
        } else if text.hasPrefix("[") {
            self = try Self.header(text, line: line, file: file)
        } else {
            self = try Self.entry(text, line: line, file: file)
        }
    }

    private static func header(_ text: Substring, line: Int, file: String) throws(ConfigError) -> ConfigLine {
        func failure(_ message: String) -> ConfigError {
            ConfigError(file: file, line: line, key: nil, message: message)
        }
        guard text.count >= 2, text.hasSuffix("]") else {
            throw failure("malformed section header (no closing ']'); \(headerSyntax)")
        }
        let inside = text.dropFirst().dropLast().trimmingBlanks()
        let word = inside.prefix { !$0.isBlank && $0 != "\"" }
        let argument = inside.dropFirst(word.count).trimmingBlanks()
        switch (word, argument.isEmpty) {
        case ("mirror", true):
            return .mirrorHeader
        case ("mirror", false):
            throw failure("malformed section header: [mirror] takes no name; \(headerSyntax)")
        case ("account", _):
            guard argument.count >= 2, argument.hasPrefix("\""), argument.hasSuffix("\"") else {
                throw failure("malformed section header: an account needs a quoted name; \(headerSyntax)")
            }
            let name = String(argument.dropFirst().dropLast())
            guard AccountNameRule.accepts(name) else {
                throw failure("account name '\(name)' is not valid; \(AccountNameRule.explanation)")
            }
            return .accountHeader(name: name)
        case ("provider", _):
            guard argument.count >= 2, argument.hasPrefix("\""), argument.hasSuffix("\"") else {
                throw failure("malformed section header: a provider needs a quoted name; \(headerSyntax)")
            }
            let name = String(argument.dropFirst().dropLast())
            guard let provider = ProviderKind(rawValue: name) else {
                throw failure("provider name '\(name)' is not valid; use \(ProviderKind.nameRule)")
            }
            return .providerHeader(name: provider)
        default:
            throw failure(
                "unknown section [\(inside)]; valid sections: [mirror], [account \"name\"], [provider \"name\"]"
            )
        }
    }

    private static func entry(_ text: Substring, line: Int, file: String) throws(ConfigError) -> ConfigLine {
        guard let equals = text.firstIndex(of: "="), text[..<equals].contains(where: { !$0.isBlank }) else {
            throw ConfigError(
                file: file,
                line: line,
                key: nil,
                message: "expected 'key = value', a [section] header or a # comment"
            )
        }
        let key = String(text[..<equals].trimmingBlanks())
        var value = text[text.index(after: equals)...].trimmingBlanks()
        if value.hasPrefix("\"") {
            guard value.count >= 2, value.hasSuffix("\"") else {
                throw ConfigError(
                    file: file,
                    line: line,
                    key: key,
                    message: "\(key): the value opens a double quote but does not close it; write \(key) = \"…\""
                )
            }
            value = value.dropFirst().dropLast()
        }
        return .entry(key: key, value: String(value))
    }
}

/// Account names appear in assistant IDs (`account/remote-id`, design.md), so they cannot hold `/`.
enum AccountNameRule {
    static let explanation = "use 1 to 64 letters, digits, '.', '_' or '-' (the name prefixes IDs: name/remote-id)"

    static func accepts(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy(\.isPortableFilenameCharacter)
    }
}

extension UInt8 {
    /// POSIX.1-2017 §3.282, the portable filename character set: A–Z a–z 0–9 . _ -
    var isPortableFilenameCharacter: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// RFC 3986 §2.3 "unreserved" (the portable set and `~`): such text needs no percent-encoding in a
    /// URL path or query, which is where ids and parameter names from the file end up.
    var isURLUnreserved: Bool { isPortableFilenameCharacter || self == UInt8(ascii: "~") }
}

extension Character {
    /// Space or tab: the blanks INI allows around keys and values (a CR left by CRLF endings counts too).
    fileprivate var isBlank: Bool { self == " " || self == "\t" || self == "\r" }
}

extension Substring {
    fileprivate func trimmingBlanks() -> Substring {
        let start = firstIndex { !$0.isBlank } ?? endIndex
        let end = lastIndex { !$0.isBlank }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
