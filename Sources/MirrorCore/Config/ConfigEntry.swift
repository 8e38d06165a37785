/// One `key = value` line, with what its value parsers need to say where a bad value is.
struct ConfigEntry {
    let key: String
    let value: String
    let line: Int
    let file: String

    /// Keys whose value is never quoted back: an API key pasted into the wrong line, or a password in a
    /// URL's user-info (RFC 3986 §3.2.1 deprecates it for this very reason), must not reach a log.
    private static let keysNeverEchoed: Set<String> = ["api-key-file", "api-key-env", "credential", "base-url"]

    /// The value as an error message may show it.
    var shownValue: String {
        Self.keysNeverEchoed.contains(key) ? "the value" : "'\(value)'"
    }

    /// An error about this entry: `key: problem`, at this entry's line.
    func error(_ problem: String) -> ConfigError {
        ConfigError(file: file, line: line, key: key, message: "\(key): \(problem)")
    }
}
