#if canImport(Glibc)
import Glibc
#endif

/// Reads a small file whole with open(2)/read(2), so a failure carries the real errno (Foundation's
/// reading APIs wrap it in a CocoaError whose text varies), and so a path that is not a small regular
/// file (`/dev/zero`, a FIFO nobody writes to) fails instead of filling memory or blocking forever.
enum BoundedFileReader {
    enum Failure: Error, Equatable {
        /// open(2) or read(2) failed; the text is strerror(3) of errno.
        case system(String)
        case notRegularFile
        case tooLarge(limit: Int)
    }

    static func read(path: String, limit: Int) throws(Failure) -> [UInt8] {
        // O_NONBLOCK keeps open(2) from waiting for a writer when the path is a FIFO; fstat then refuses it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .system(errnoText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(errnoText()) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(errnoText())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

extension BoundedFileReader.Failure: CustomStringConvertible {
    var description: String {
        switch self {
        case .system(let text): text
        case .notRegularFile: "not a regular file"
        case .tooLarge(let limit): "larger than \(limit / 1024) KiB"
        }
    }
}
