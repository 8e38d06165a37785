/// Why an API key could not be read. Each case names where the key was looked for and what to do;
/// none carries the key's content, not even a part of it.
public enum SecretLoadError: Error, Equatable, CustomStringConvertible {
    /// open(2)/read(2) failed, or the path is not a small regular file; `reason` is strerror(3) text or
    /// the rule that failed.
    case fileUnreadable(path: String, reason: String)
    /// The file holds nothing but (at most) the one trailing line end.
    case fileEmpty(path: String)
    case fileNotUTF8(path: String)
    case environmentUnset(name: String)
    case environmentEmpty(name: String)
    /// `credential =` was used but the process was not started with systemd credentials.
    case credentialsDirectoryUnset(name: String)
    /// The credential's file under `$CREDENTIALS_DIRECTORY` failed as `underlying` says.
    indirect case credential(name: String, underlying: SecretLoadError)

    public var description: String {
        switch self {
        case .fileUnreadable(let path, let reason):
            "cannot read the API key file \(path): \(reason)"
        case .fileEmpty(let path):
            "the API key file \(path) is empty; write the key into it"
        case .fileNotUTF8(let path):
            "the API key file \(path) is not UTF-8 text; is it the right file?"
        case .environmentUnset(let name):
            "environment variable \(name) is not set; export it, or use api-key-file or credential instead"
        case .environmentEmpty(let name):
            "environment variable \(name) is empty; it must hold the API key"
        case .credentialsDirectoryUnset(let name):
            "credential \(name): CREDENTIALS_DIRECTORY is not set, so the service was not started with systemd "
                + "credentials; add LoadCredential=\(name):/path/to/key to the unit (systemd.exec(5)), "
                + "or use api-key-file"
        case .credential(let name, let underlying):
            "systemd credential \(name): \(underlying); check LoadCredential=\(name):… in the unit"
        }
    }
}
