/// Why a configuration file was refused, and where: `file:line: message`, the shape compilers use so
/// editors and `grep -n` users can jump to the line (design.md invariant 6).
///
/// The message names the key and says what would be right. It never quotes the value of a key that
/// could carry a secret by mistake (`api-key-file`, `api-key-env`, `credential`, `base-url`).
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// The configuration file as the caller named it.
    public var file: String
    /// 1-based, counting comment and blank lines; nil when the file as a whole is at fault (unreadable).
    public var line: Int?
    /// The key the error is about, when there is one (for a tool that wants to highlight it).
    public var key: String?
    /// What is wrong and what would be right, without the location.
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }
}
