import Foundation
import Glibc
import Synchronization

@testable import MirrorServer

/// A fresh directory under /tmp (short, so socket paths fit in sun_path), removed when released.
final class ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/am-platform-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw SystemError(call: "mkdtemp", errno: errno, detail: "/tmp")
        }
        path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Runs a peer on a thread of its own, so blocking socket calls never occupy the test's cooperative pool
/// and the two ends of a socket cannot starve each other.
final class PeerThread<Result: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let result = Mutex<Result?>(nil)

    init(_ body: @escaping @Sendable () -> Result) {
        Thread.detachNewThread { self.finish(with: body()) }
    }

    private func finish(with value: Result) {
        result.withLock { $0 = value }
        finished.signal()
    }

    func join() -> Result {
        finished.wait()
        finished.signal()
        return result.withLock { $0! }
    }
}

/// The errno of a `SystemError`, or nil for any other outcome; for `#expect(systemErrno(of: …) == EPIPE)`.
func systemErrno(of body: () throws -> Void) -> Int32? {
    do {
        try body()
        return nil
    } catch let error as SystemError {
        return error.errno
    } catch {
        return nil
    }
}

/// A raw listening socket made without the code under test, as systemd or a crashed daemon would leave.
func rawUnixSocket(type: Int32, boundTo path: String?, listening: Bool) throws -> Int32 {
    let descriptor = try Posix.socket(type: type)
    if let path { try Posix.bind(descriptor, to: UnixSocketAddress(path: path)) }
    if listening { try Posix.listen(descriptor, backlog: 8, detail: path) }
    return descriptor
}

func permissionBits(of path: String) throws -> mode_t {
    try Posix.lstat(path).st_mode & 0o7777
}

func fileExists(_ path: String) -> Bool {
    (try? Posix.lstat(path)) != nil
}
