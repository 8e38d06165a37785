import Foundation
import Glibc
import TestSupport

/// A small tmpfs that the test mounts itself (mount(8); root, or CAP_SYS_ADMIN), so that a full disk is a
/// real ENOSPC and a read-only filesystem a real EROFS. Unmounted when released.
final class TmpfsMount: @unchecked Sendable {
    let path: String
    private let fillerPath: String
    private var readOnlyBind = false

    /// Whether this machine lets the tests mount a tmpfs; tests that need one are skipped otherwise.
    static let isPermitted: Bool = (try? TmpfsMount(sizeKiB: 64)) != nil

    /// Mounts a fresh tmpfs of `sizeKiB`; throws when mount(8) refuses.
    init(sizeKiB: Int) throws {
        var template = Array("/tmp/am-tmpfs-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw HarnessError("mkdtemp failed: errno \(errno)") }
        path = String(cString: created)
        fillerPath = path + "/filler"
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(sizeKiB)k,mode=0755", "tmpfs", path]) else {
            rmdir(path)
            throw HarnessError("mount -t tmpfs refused (not root?)")
        }
    }

    deinit {
        if readOnlyBind { _ = Self.run("/bin/umount", ["--lazy", path]) }
        _ = Self.run("/bin/umount", ["--lazy", path])
        rmdir(path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes a filler file until the filesystem answers ENOSPC.
    func fill() throws {
        let descriptor = open(fillerPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HarnessError("cannot create \(fillerPath): errno \(errno)") }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x5A, count: 4096)
        while write(descriptor, block, block.count) > 0 {}
        guard errno == ENOSPC else { throw HarnessError("filling \(path) stopped with errno \(errno), not ENOSPC") }
    }

    /// Gives the space back.
    func emptyFiller() { unlink(fillerPath) }

    /// Makes the filesystem read-only for every new lookup: a read-only bind mount on top of it. (A plain
    /// `remount,ro` is refused with EBUSY while the daemon holds files open for writing.)
    func makeReadOnly() throws {
        guard Self.run("/bin/mount", ["--bind", path, path]),
            Self.run("/bin/mount", ["-o", "remount,bind,ro", path])
        else { throw HarnessError("cannot bind-mount \(path) read-only") }
        readOnlyBind = true
    }

    /// Removes the read-only bind mount: the filesystem takes writes again. Lazily (umount(8) `--lazy`), as
    /// the daemon's query connections opened through the bind may still be open.
    func makeWritable() throws {
        guard readOnlyBind, Self.run("/bin/umount", ["--lazy", path]) else {
            throw HarnessError("cannot unmount the bind")
        }
        readOnlyBind = false
    }

    /// mount(8) and umount(8) through TestSupport's ChildProcess (posix_spawn and waitpid), which cannot
    /// miss a child's exit as Foundation's Process was seen to under a busy parallel run.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Bool {
        (try? ChildProcess.run(executable, arguments))?.status == 0
    }
}
