import Foundation
import Testing

@testable import MirrorCore

/// Every refusal of the loader: the exact line, the key, and a message that says what would be right.
@Suite struct ConfigErrorTests {
    static let file = "/etc/assistant-mirror/config.ini"

    /// Parses `text` expecting a refusal at `line` about `key` whose text contains every `mention`.
    private func expectRefusal(
        _ text: String,
        line: Int,
        key: String?,
        mentions: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: ConfigError.self, sourceLocation: sourceLocation) {
            try ConfigurationLoader.parse(text, sourcePath: Self.file)
        }
        guard let error else { return }
        #expect(error.file == Self.file, sourceLocation: sourceLocation)
        #expect(error.line == line, sourceLocation: sourceLocation)
        #expect(error.key == key, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("\(Self.file):\(line): "), sourceLocation: sourceLocation)
        for mention in mentions {
            #expect(error.description.contains(mention), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// A minimal valid account so each case changes only what it is about.
    private static let account = "[account \"support-bots\"]\nprovider = invent\napi-key-env = INVENT_KEY\n"

    @Test func unknownKeyMessageIsExact() throws {
        let text = "# comment\n\n" + Self.account + "intervl = 5m\n"
        let error = try #require(throws: ConfigError.self) {
            try ConfigurationLoader.parse(text, sourcePath: Self.file)
        }
        #expect(
            error.description
                == "/etc/assistant-mirror/config.ini:6: unknown key 'intervl' in [account \"support-bots\"]; "
                + "did you mean 'interval'? valid keys: provider, api-key-file, api-key-env, credential, base-url, "
                + "interval, page-size, max-pages, max-delete-share, org, list-path, page-parameter, "
                + "size-parameter, items-key, total-key, write, write-group"
        )
        #expect(error == ConfigError(file: Self.file, line: 6, key: "intervl", message: error.message))
    }

    @Test func badDurationMessageIsExact() throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigurationLoader.parse("[mirror]\n\ninterval = 5 minutes\n", sourcePath: Self.file)
        }
        #expect(
            error.description
                == "/etc/assistant-mirror/config.ini:3: interval: '5 minutes' is not a duration; "
                + "use a number with a unit, e.g. 30s, 5m, 1h"
        )
    }

    @Test func unknownKeyInMirrorListsItsKeys() {
        expectRefusal(
            "[mirror]\ndatabse = /x\n",
            line: 2,
            key: "databse",
            mentions: ["[mirror]", "did you mean 'database'?", "valid keys: database, socket, interval"]
        )
    }

    @Test func unknownKeyFarFromEveryKeyHasNoSuggestion() throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigurationLoader.parse("[mirror]\ncolour = red\n", sourcePath: Self.file)
        }
        #expect(error.line == 2)
        #expect(
            error.message == "unknown key 'colour' in [mirror]; valid keys: "
                + MirrorSection.Key.allCases.map(\.rawValue).joined(separator: ", ")
        )
    }

    @Test func unknownSection() {
        expectRefusal(
            "# c\n[mirrors]\n",
            line: 2,
            key: nil,
            mentions: ["unknown section [mirrors]", "valid sections: [mirror], [account \"name\"]"]
        )
    }

    @Test func duplicateKey() {
        expectRefusal(
            "[mirror]\n# c\ninterval = 5m\n\ninterval = 6m\n",
            line: 5,
            key: "interval",
            mentions: ["duplicate key 'interval' in [mirror]", "already set on line 3", "keep only one"]
        )
    }

    @Test func duplicateAccount() {
        expectRefusal(
            Self.account + "\n" + Self.account,
            line: 5,
            key: nil,
            mentions: ["duplicate account \"support-bots\"", "line 1", "rename one"]
        )
    }

    @Test func duplicateMirrorSection() {
        expectRefusal(
            "[mirror]\n" + Self.account + "[mirror]\n",
            line: 5,
            key: nil,
            mentions: ["duplicate section [mirror]", "line 1", "merge them"]
        )
    }

    @Test func keyOutsideASection() {
        expectRefusal(
            "# c\ndatabase = /x\n[mirror]\n",
            line: 2,
            key: "database",
            mentions: ["'database' is outside any section", "put it under [mirror] or [account \"name\"]"]
        )
    }

    @Test(arguments: ["just some words", "= value", "  =", "[mirror]]x"])
    func malformedLine(line text: String) {
        let expected = text.hasPrefix("[") ? "malformed section header" : "expected 'key = value'"
        expectRefusal("[mirror]\n\(text)\n", line: 2, key: nil, mentions: [expected])
    }

    @Test(arguments: [
        ("[mirror", "malformed section header (no closing ']'); write [mirror] or [account \"name\"]"),
        ("[", "no closing ']'"),
        ("[mirror \"main\"]", "[mirror] takes no name; write [mirror] or [account \"name\"]"),
        ("[account support-bots]", "an account needs a quoted name; write [mirror] or [account \"name\"]"),
        ("[account \"support-bots]", "needs a quoted name"),
        ("[account]", "needs a quoted name"),
        ("[account \"\"]", "account name '' is not valid; use 1 to 64 letters, digits, '.', '_' or '-'"),
        ("[account \"a/b\"]", "account name 'a/b' is not valid; use 1 to 64"),
        ("[account \"a b\"]", "account name 'a b' is not valid"),
        ("[account \"\(String(repeating: "n", count: 65))\"]", "is not valid; use 1 to 64"),
        ("[account \"café\"]", "is not valid"),
    ])
    func malformedSectionHeader(header: String, mention: String) {
        expectRefusal("# c\n\(header)\n", line: 2, key: nil, mentions: [mention])
    }

    @Test func unterminatedQuote() {
        expectRefusal(
            "[mirror]\nsync-group = \"admins\n",
            line: 2,
            key: "sync-group",
            mentions: ["does not close it", "sync-group = \"…\""]
        )
    }

    @Test(arguments: [
        ("database", "", "no value; expected a file path"),
        ("database", "~/mirror.db", "write the absolute path"),
        ("socket", "", "expected a file path"),
        ("fingerprint-key-file", "\"\"", "expected a file path"),
        ("interval", "5", "use a number with a unit, e.g. 30s, 5m, 1h"),
        ("interval", "0s", "not longer than zero; use a number with a unit"),
        ("interval", "-5m", "is not a duration"),
        ("retention", "forever", "use a number with a unit"),
        ("jitter", "60%", "'60%' is out of range; use 0% to 50%, or a fraction such as 0.1"),
        ("jitter", "0.51", "use 0% to 50%"),
        ("jitter", "-1%", "is not a share; use 0% to 50%"),
        ("jitter", "ten", "is not a share"),
        ("jitter", "1e-1", "is not a share"),
        ("jitter", "nan", "is not a share"),
        ("jitter", "%", "is not a share"),
        ("request-timeout", "2", "use a number with a unit, e.g. 30s, 5m, 1h"),
        ("request-timeout", "0s", "not longer than zero"),
        ("max-response-size", "256MB", "'256MB' is not a size; use bytes or a binary unit, e.g. 256MiB"),
        ("max-response-size", "1.5MiB", "is not a size"),
        ("max-response-size", "-1", "is not a size"),
        (
            "max-response-size", "100",
            "'100' is too small; use bytes or a binary unit, e.g. 256MiB, 512KiB, 1GiB (at least 1KiB)"
        ),
        ("max-response-size", "99999999999GiB", "is not a size"),
        ("max-concurrent-crawls", "0", "'0' is not a whole number from 1 to 16"),
        ("max-concurrent-crawls", "17", "from 1 to 16"),
        ("max-concurrent-crawls", "two", "from 1 to 16"),
        ("max-concurrent-crawls", "+2", "from 1 to 16"),
        ("max-concurrent-crawls", "99999999999999999999999", "from 1 to 16"),
        ("log-level", "verbose", "'verbose' is not one of trace, debug, info, notice, warning, error, critical"),
        ("sync-group", "wheel staff", "is not a group name"),
        ("sync-group", "-admins", "is not a group name (letters, digits, '.', '_', '-')"),
        ("max-delete-share", "0", "use more than 0% and at most 100%, or a fraction such as 0.1"),
        ("max-delete-share", "0%", "is out of range"),
        ("max-delete-share", "150%", "is out of range"),
        ("max-delete-share", "1.5", "is out of range"),
        ("wal-checkpoints", "sqlite", "'sqlite' is not one of daemon, litestream"),
    ])
    func badMirrorValue(key: String, value: String, mention: String) {
        expectRefusal("[mirror]\n\n\(key) = \(value)\n", line: 3, key: key, mentions: ["\(key): ", mention])
    }

    @Test(arguments: [
        ("provider", "openai", "telnyx", "is not one of puretalk, invent, telnyx, interactly"),
        ("api-key-env", "MY-KEY", "invent", "is not an environment variable name (letters, digits, '_')"),
        ("api-key-env", "1KEY", "invent", "environment variable name"),
        ("credential", "keys/invent", "invent", "is not a credential name (a file name)"),
        ("credential", "..", "invent", "credential name"),
        ("api-key-file", "", "invent", "expected a file path"),
        ("interval", "1x", "invent", "use a number with a unit"),
        ("page-size", "0", "invent", "from 1 to 1000"),
        ("page-size", "1001", "invent", "from 1 to 1000"),
        ("max-pages", "0", "invent", "from 1 to 100000"),
        ("max-pages", "100001", "invent", "from 1 to 100000"),
        ("max-delete-share", "0", "invent", "use more than 0% and at most 100%, or a fraction such as 0.1"),
        ("org", "a/b", "invent", "is not an organisation id (letters, digits"),
        ("org", "", "invent", "no value; expected an organisation id"),
        ("list-path", "assistants", "interactly", "is not a URL path starting with '/'"),
        ("list-path", "/a?b=1", "interactly", "URL path starting with '/'"),
        ("page-parameter", "page&x", "interactly", "is not a query parameter name"),
        ("size-parameter", "", "interactly", "no value; expected a query parameter name"),
        ("items-key", "", "interactly", "no value; expected a JSON member name"),
        ("total-key", "\"\"", "interactly", "expected a JSON member name"),
    ])
    func badAccountValue(key: String, value: String, provider: String, mention: String) {
        let secretLine = key.hasPrefix("api-key") || key == "credential" ? "" : "api-key-env = K\n"
        let providerLine = key == "provider" ? "" : "provider = \(provider)\n"
        let text = "[account \"x\"]\n\(providerLine)\(secretLine)\(key) = \(value)\n"
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        expectRefusal(text, line: line, key: key, mentions: ["\(key): ", mention])
    }

    @Test func missingProvider() {
        expectRefusal(
            "[mirror]\n[account \"x\"]\napi-key-env = K\n",
            line: 2,
            key: "provider",
            mentions: ["[account \"x\"] has no provider", "add provider = one of puretalk, invent, telnyx, interactly"]
        )
    }

    @Test func missingKeySourceIsReportedWhenTheSectionEnds() {
        expectRefusal(
            "[account \"x\"]\nprovider = telnyx\n\n[account \"y\"]\n",
            line: 1,
            key: nil,
            mentions: ["[account \"x\"] has no API key source", "add one of api-key-file, api-key-env, credential"]
        )
    }

    @Test(arguments: [("api-key-file", "k.txt"), ("credential", "telnyx")])
    func twoKeySources(second: String, value: String) {
        expectRefusal(
            "[account \"x\"]\nprovider = telnyx\napi-key-env = K\n# c\n\(second) = \(value)\n",
            line: 5,
            key: second,
            mentions: [
                "\(second): [account \"x\"] already takes its API key from api-key-env (line 3)",
                "keep exactly one of api-key-file, api-key-env, credential",
            ]
        )
    }

    @Test(arguments: [
        ("org", "c", "telnyx", "only provider invent takes this key"),
        ("list-path", "/a", "puretalk", "only provider interactly takes this key"),
        ("total-key", "n", "invent", "only provider interactly"),
    ])
    func providerSpecificKeyOnTheWrongProvider(key: String, value: String, provider: String, mention: String) {
        // The key comes before `provider`, so the check must wait for the section's end yet name the key's line.
        expectRefusal(
            "[account \"x\"]\n\(key) = \(value)\napi-key-env = K\nprovider = \(provider)\n",
            line: 2,
            key: key,
            mentions: ["\(key): ", mention, "has provider \(provider); remove it"]
        )
    }

    @Test func firstErrorInFileOrderWins() {
        expectRefusal(
            "[mirror]\njitter = 2\n[bogus]\n",
            line: 2,
            key: "jitter",
            mentions: ["jitter: '2' is out of range"]
        )
        expectRefusal(
            "[account \"x\"]\nprovider = telnyx\n[account \"y\"]\nprovider = nope\n",
            line: 1,
            key: nil,
            mentions: ["no API key source"]
        )
    }

    @Test func missingFileNamesThePathAndErrno() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/absent.ini"
        let error = try #require(throws: ConfigError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.line == nil)
        #expect(error.description == "\(path): cannot read the configuration: No such file or directory")
    }

    @Test func directoryIsNotAConfigurationFile() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let error = try #require(throws: ConfigError.self) { try ConfigurationLoader.load(path: directory.path) }
        #expect(error.description.contains("not a regular file"))
    }

    @Test func nonUTF8FileIsRefused() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("latin1.ini", bytes: Array("[mirror]\nsync-group = caf".utf8) + [0xE9, 0x0A])
        let error = try #require(throws: ConfigError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.description == "\(path): the configuration is not UTF-8 text")
    }

    @Test func errorsFromALoadedFileCarryItsPathAndLine() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("config.ini", "[mirror]\r\n# c\r\nmax-concurrent-crawls = 99\r\n")
        let error = try #require(throws: ConfigError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.description.hasPrefix("\(path):3: max-concurrent-crawls: '99'"))
    }
}
