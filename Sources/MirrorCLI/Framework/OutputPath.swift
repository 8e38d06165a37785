import Foundation
import Glibc

/// Why a file the user named (`report --output`, `backup --to`, `simulate --write-config`) cannot be
/// written, in plain words and naming the path: Foundation's own text ("The file doesn't exist.") names
/// neither the file nor what is wrong with it.
enum OutputPath {
    /// What stands in the way of creating or replacing `path`; nil when nothing visible does.
    static func obstacle(to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(path) is a directory; name a file in it"
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return "the directory \(directory) does not exist; create it or choose another path"
        }
        guard isDirectory.boolValue else { return "\(directory) is a file, not a directory" }
        // access(2) answers for the real user, who is the one running the CLI.
        guard access(directory, W_OK) == 0 else {
            return "the directory \(directory) is not writable by this user (\(String(cString: strerror(errno))))"
        }
        return nil
    }

    /// Refuses `path` before any work is done when something visibly stands in the way of writing
    /// `what` there.
    static func requireWritable(_ path: String, for what: String) throws {
        if let obstacle = obstacle(to: path) { throw CLIError("cannot write \(what) to \(path): \(obstacle)") }
    }

    /// The error for a failed write of `what` to `path`: the visible obstacle, else the system's reason.
    static func failure(writing what: String, to path: String, _ error: any Error) -> CLIError {
        let reason = obstacle(to: path) ?? systemReason(error)
        return CLIError("cannot write \(what) to \(path): \(reason)")
    }

    /// The POSIX reason under a Foundation error (ENOSPC: "No space left on device"), when there is one.
    private static func systemReason(_ error: any Error) -> String {
        let nsError = error as NSError
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = [nsError, underlying].compactMap({ $0 }).first(where: { $0.domain == NSPOSIXErrorDomain }) {
            return String(cString: strerror(Int32(posix.code)))
        }
        return nsError.localizedDescription
    }
}
