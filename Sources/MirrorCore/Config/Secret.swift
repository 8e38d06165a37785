/// An API key held in memory. It prints as `<secret>` in every description, interpolation and dump, so
/// it cannot reach a log or an error message by accident; only `reveal()` gives the text, and only the
/// HTTP layer calls it, to build the one header that carries it.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) { self.value = value }

    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// Where an account's API key comes from. The key itself is read at start-up (and on reload), never
/// stored in the configuration value.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    /// A file whose content (less one trailing newline) is the key; relative to the config file.
    case file(path: String)
    /// An environment variable.
    case environment(name: String)
    /// A systemd credential: `$CREDENTIALS_DIRECTORY/<name>` (systemd.exec(5), "Credentials").
    case credential(name: String)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        case .credential(let name): "systemd credential \(name)"
        }
    }
}
