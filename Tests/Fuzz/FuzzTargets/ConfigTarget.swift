import MirrorCore

/// `ConfigurationLoader.parse`, the INI reader. A refused file is refused with a line inside it and,
/// for keys that may hold a secret by mistake, without quoting the value; an accepted one renders
/// (`check-config`) to a file that loads back to the same configuration and renders the same again.
enum ConfigTarget {
    static let target = FuzzTarget(name: "config", check: .synchronous(check))
    static let path = "/etc/assistant-mirror/config.ini"
    /// design.md invariant 6: the keys whose values an error message never quotes.
    static let unquotedKeys: Set<String> = ["api-key-file", "api-key-env", "credential", "base-url"]
    static let canary = "CANARY0f7e3a"

    static func check(_ input: [UInt8]) throws(InvariantViolation) {
        // ConfigurationLoader.load refuses bytes that are not UTF-8 before it parses.
        guard let text = String(validating: input, as: UTF8.self) else { return }
        let configuration: MirrorConfiguration
        do {
            configuration = try ConfigurationLoader.parse(text, sourcePath: path)
        } catch {
            try checkRefusal(error, of: text)
            return
        }
        let rendered = configuration.renderEffective()
        let reloaded: MirrorConfiguration
        do {
            reloaded = try ConfigurationLoader.parse(rendered, sourcePath: path)
        } catch {
            throw InvariantViolation("the rendered configuration does not load: \(error)\n\(rendered)")
        }
        try expect(
            reloaded.renderEffective() == rendered,
            "rendering the reloaded configuration differs:\n\(rendered)\n---\n\(reloaded.renderEffective())"
        )
        try expect(
            effective(reloaded) == effective(configuration),
            "the rendered configuration loads to other settings:\n\(rendered)"
        )
    }

    static func checkRefusal(_ error: ConfigError, of text: String) throws(InvariantViolation) {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        guard let line = error.line else {
            throw InvariantViolation("a refusal of parsed text names no line: \(error)")
        }
        try expect(line >= 1 && line <= lines.count, "the refusal names line \(line) of \(lines.count): \(error)")
        // Whether the message quotes the value is asked of a canary put in its place: the value itself
        // may be a word every message holds (`[mirror]`).
        guard let key = error.key, unquotedKeys.contains(key) else { return }
        var probe = lines
        probe[line - 1] = "\(key) = \(canary)"
        do {
            _ = try ConfigurationLoader.parse(probe.joined(separator: "\n"), sourcePath: path)
        } catch {
            try expect(!error.message.contains(canary), "the refusal quotes a \(key) value: \(error)")
        }
    }

    /// The settings in effect: defaults filled in as `renderEffective` writes them, header lines (which
    /// rendering moves) left out.
    static func effective(_ configuration: MirrorConfiguration) -> MirrorConfiguration {
        var copy = configuration
        copy.fingerprintKeyFile = configuration.effectiveFingerprintKeyFile
        copy.accounts = configuration.accounts.map { account in
            var filled = account
            filled.line = 0
            filled.baseURL = account.effectiveBaseURL
            filled.interval = account.interval ?? configuration.interval
            filled.maxDeleteShare = account.maxDeleteShare ?? configuration.maxDeleteShare
            // design.md: Invent's organisation defaults to `c`, the key's own.
            if account.provider == .invent { filled.org = account.org ?? "c" }
            return filled
        }
        return copy
    }
}
