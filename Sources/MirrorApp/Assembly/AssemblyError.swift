/// Why the mirror could not be put together; each says what to check.
public enum AssemblyError: Error, CustomStringConvertible, Equatable {
    case databaseDirectoryMissing(String)
    case databaseUnusable(path: String, reason: String)
    case databaseCorrupt(String)
    case databaseLocked(String)
    case fingerprintKeyUnusable(String)
    case secretsUnavailable(String)

    public var description: String {
        switch self {
        case .databaseDirectoryMissing(let directory):
            "the database directory \(directory) does not exist; create it or set database = in [mirror]"
        case .databaseUnusable(let path, let reason): "cannot open the database \(path): \(reason)"
        case .databaseCorrupt(let detail): detail
        case .databaseLocked(let detail): detail
        case .fingerprintKeyUnusable(let detail): detail
        case .secretsUnavailable(let detail): "an API key cannot be read: \(detail)"
        }
    }
}
