import Foundation
import Glibc
import Testing

/// Issue 14, "Disk full": the filesystem under a running daemon fills up or turns read-only in the middle
/// of its crawls. Each crawl then fails with one error that names the file, commits nothing partial, and
/// the daemon keeps answering; once the fault is gone its next scheduled crawl converges.
@Suite(
    .serialized,
    .enabled(if: TmpfsMount.isPermitted, "skipped: these tests mount a tmpfs, and mount(8) was refused (not root?)")
)
struct DiskFaultTests {
    @Test func aFullDiskFailsEachCrawlOnceKeepsServingAndConvergesWhenSpaceReturns() async throws {
        let world = try FaultWorld(sizeKiB: 3072)
        try await exercise(
            world,
            inject: { try world.mount.fill() },
            message: "cannot write the database \(world.database): the disk is full",
            heal: { world.mount.emptyFiller() }
        )
    }

    @Test func aReadOnlyFilesystemFailsEachCrawlNamingTheDatabaseAndConvergesWhenWritable() async throws {
        let world = try FaultWorld(sizeKiB: 8192)
        try await exercise(
            world,
            inject: { try world.mount.makeReadOnly() },
            message: "cannot write \(world.database): Read-only file system",
            heal: { try world.mount.makeWritable() }
        )
    }

    /// The shared course of a fault: mirror, inject, watch two crawls fail, query, heal, converge.
    private func exercise(
        _ world: FaultWorld,
        inject: () throws -> Void,
        message: String,
        heal: () throws -> Void
    ) async throws {
        let daemon = try world.launch()
        #expect(await eventuallyTrue { world.mirrorMatchesSimulator() }, "stderr: \(daemon.standardErrorText)")
        let before = try world.history()
        #expect(before.intact && before.revisions > 0)

        try inject()
        world.editEveryPrompt(round: 1)
        #expect(
            await eventuallyTrue { FaultWorld.failures(daemon).crawls >= 2 },
            "stderr: \(daemon.standardErrorText)"
        )
        // One line per failed crawl, never one per page, and each names the file and the fault.
        let failures = FaultWorld.failures(daemon)
        #expect(failures.logged.count == failures.crawls, "\(failures.logged)")
        #expect(failures.logged.allSatisfy { $0.contains(message) }, "\(failures.logged)")
        // Still serving, with the history it had: nothing partial, nothing lost.
        let during = try world.history()
        #expect(during.revisions == before.revisions && during.intact)
        #expect(daemon.isRunning)

        try heal()
        #expect(await eventuallyTrue { world.mirrorMatchesSimulator() }, "stderr: \(daemon.standardErrorText)")
        let after = try world.history()
        #expect(after.intact && after.revisions > before.revisions)
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
