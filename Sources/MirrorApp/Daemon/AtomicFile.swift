import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's contents so a reader sees the old file or the new one, never a mix: write a
/// temporary file in the same directory, fsync(2) it, rename(2) it over the target (atomic within one
/// file system, which is why the temporary lives beside the target), then fsync the directory so the
/// rename survives a crash. node_exporter's textfile collector asks for exactly this, and reads only
/// `*.prom` files, so the temporary's name (`PATH.tmp`) is never read half-written.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = failure("cannot write \(temporary)")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            bytes = bytes.dropFirst(written)
        }
        let synced = fsync(descriptor) == 0
        let syncError = synced ? nil : failure("cannot fsync \(temporary)")
        close(descriptor)
        if let syncError {
            unlink(temporary)
            throw syncError
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
