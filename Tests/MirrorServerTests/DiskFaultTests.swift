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

    /// A removed directory cannot heal by itself: the daemon's open files are unlinked inodes. It refuses
    /// to write into them, keeps running, and converges once a backup is restored and it is restarted.
    @Test func aRemovedDirectoryFailsEachCrawlAndARestoredBackupConvergesAfterARestart() async throws {
        let world = try FaultWorld(sizeKiB: 8192, databaseDirectory: "data")
        let backup = world.fixture.directory.file("before.db")
        let directory = world.mount.file("data")
        let daemon = try world.launch()
        #expect(await eventuallyTrue { world.mirrorMatchesSimulator() }, "stderr: \(daemon.standardErrorText)")
        let saved = try await BackupAndCorruptionTests.cli([
            "backup", "--config", world.fixture.configurationPath, "--to", backup,
        ])
        #expect(saved.status == 0, "\(saved.errorText)")
        let before = try world.history()

        try FileManager.default.removeItem(atPath: directory)
        world.editEveryPrompt(round: 1)
        // Crawls go on while the log is read: one may have logged its failure and not yet finished, so
        // wait for a moment when every failed crawl has finished. Two lines per crawl never balance.
        #expect(
            await eventuallyTrue { FaultWorld.failures(daemon).balanced(atLeast: 2) },
            "stderr: \(daemon.standardErrorText)"
        )
        let failures = FaultWorld.failures(daemon)
        let message = "cannot write the database \(world.database): \(directory) was removed or replaced"
        #expect(failures.logged.allSatisfy { $0.contains(message) }, "\(failures.logged)")
        #expect(daemon.isRunning)
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")

        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: backup, toPath: world.database)
        let restarted = try world.launch()
        #expect(await eventuallyTrue { world.mirrorMatchesSimulator() }, "stderr: \(restarted.standardErrorText)")
        let after = try world.history()
        #expect(after.intact && after.revisions > before.revisions)
        restarted.send(SIGTERM)
        #expect(await restarted.termination() == .exited(0), "stderr: \(restarted.standardErrorText)")
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
        // One line per failed crawl, never one per page, and each names the file and the fault. Crawls go
        // on while the log is read, so wait for a moment when every failed crawl has also finished.
        #expect(
            await eventuallyTrue { FaultWorld.failures(daemon).balanced(atLeast: 2) },
            "stderr: \(daemon.standardErrorText)"
        )
        let failures = FaultWorld.failures(daemon)
        #expect(failures.logged.allSatisfy { $0.contains(message) }, "\(failures.logged)")
        // Still serving, with the history it had: nothing partial, nothing lost.
        let during = try world.history()
        #expect(during.revisions == before.revisions && during.intact)
        #expect(daemon.isRunning)

        try heal()
        #expect(await world.converges(), "schedules:\n\(world.schedules())\nstderr: \(daemon.standardErrorText)")
        let after = try world.history()
        #expect(after.intact && after.revisions > before.revisions)
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }
}
