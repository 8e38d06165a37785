/// Lexical path arithmetic for configuration values (no file-system access, so a path may name a file
/// that does not exist yet, such as the database on first start).
enum ConfigPath {
    /// `path` if absolute, else `directory/path`; `.` components and repeated slashes are dropped. `..`
    /// is kept, because collapsing it lexically is wrong when the directory before it is a symlink
    /// (path_resolution(7)).
    static func resolve(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        let components = joined.split(separator: "/").filter { $0 != "." }
        return "/" + components.joined(separator: "/")
    }

    /// The directory holding `path`, which is made absolute against `currentDirectory` first.
    static func directory(of path: String, currentDirectory: String) -> String {
        let absolute = resolve(path, against: currentDirectory)
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }
}
