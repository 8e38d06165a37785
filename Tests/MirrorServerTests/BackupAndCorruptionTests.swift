import Foundation
import Glibc
import MirrorStore
import TestSupport
import Testing

/// Issue 14, "Backup" and "Corruption": a backup taken while the daemon writes is a consistent, verified,
/// single file; a database that SQLite finds corrupt stops the daemon and `sync` before they write to it,
/// and `verify` names the corruption apart from the chain.
@Suite(.serialized) struct BackupAndCorruptionTests {
    @Test func backupsTakenWhileTheDaemonWritesAreConsistentSingleFilesThatVerify() async throws {
        let fixture = try DaemonFixture(interval: "1s")
        let daemon = try fixture.launch(environment: fixture.environment())
        #expect(
            await eventuallyTrue { ((try? fixture.status())?["revisions"]?.intValue ?? 0) > 0 },
            "stderr: \(daemon.standardErrorText)"
        )
        var counts: [Int] = []
        for round in 1...3 {
            fixture.simulator.advance(editCount: 8)
            let target = fixture.directory.file("backup-\(round).db")
            let backup = try await Self.cli(["backup", "--config", fixture.configurationPath, "--to", target])
            #expect(backup.status == 0, "\(backup.outputText) \(backup.errorText)")
            #expect(backup.outputText.contains("chain intact"), "\(backup.outputText)")
            #expect(backup.outputText.contains("database file intact (SQLite quick_check ok)"))
            // One self-contained file: no WAL, no partial file left beside it.
            #expect(!FileManager.default.fileExists(atPath: target + "-wal"))
            #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
            let copy = try Connection(path: target, mode: .readOnly)
            #expect(try copy.scalarString("PRAGMA journal_mode") == "delete")
            counts.append(try copy.scalarInt("SELECT count(*) FROM revisions") ?? 0)
            try await Task.sleep(for: .seconds(1.5))
        }
        #expect(counts.first! > 0 && counts == counts.sorted(), "\(counts)")
        let again = try await Self.cli([
            "backup", "--config", fixture.configurationPath, "--to", fixture.directory.file("backup-1.db"),
        ])
        #expect(again.status == 1 && again.errorText.contains("already exists"), "\(again.errorText)")
        #expect(daemon.isRunning)
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
    }

    @Test func aCorruptDatabaseStopsTheDaemonAndSyncBeforeAnyWriteAndVerifySaysSo() async throws {
        let fixture = try DaemonFixture(interval: "1h")
        let daemon = try fixture.launch(environment: fixture.environment())
        #expect(await eventuallyTrue { ((try? fixture.status())?["revisions"]?.intValue ?? 0) > 0 })
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0), "stderr: \(daemon.standardErrorText)")
        try Self.corruptEveryPageButTheFirst(fixture.databasePath)
        let damaged = FileManager.default.contents(atPath: fixture.databasePath)

        let restarted = try fixture.launch(environment: fixture.environment())
        #expect(await restarted.termination() == .exited(3))
        #expect(restarted.standardErrorText.contains("the database \(fixture.databasePath) is corrupt"))
        #expect(restarted.standardErrorText.contains("restore the latest backup"))

        let sync = try await Self.cli(
            ["sync", "--config", fixture.configurationPath],
            environment: fixture.environment()
        )
        #expect(sync.status == 3 && sync.errorText.contains("is corrupt"), "\(sync.errorText)")
        #expect(FileManager.default.contents(atPath: fixture.databasePath) == damaged, "something wrote to the file")

        let verify = try await Self.cli(["verify", "--database", fixture.databasePath])
        #expect(verify.status == 1)
        #expect(verify.outputText.contains("database file CORRUPT (SQLite quick_check)"), "\(verify.outputText)")
        #expect(verify.outputText.contains("chain"), "\(verify.outputText)")
    }

    @Test func verifyOfAnIntactFileReportsBothFindings() async throws {
        let fixture = try DaemonFixture(interval: "1h")
        let daemon = try fixture.launch(environment: fixture.environment())
        #expect(await eventuallyTrue { ((try? fixture.status())?["revisions"]?.intValue ?? 0) > 0 })
        let viaSocket = try await Self.cli(["verify", "--config", fixture.configurationPath])
        #expect(viaSocket.status == 0)
        #expect(viaSocket.outputText.hasPrefix("chain intact: "), "\(viaSocket.outputText)")
        #expect(viaSocket.outputText.contains("database file intact (SQLite quick_check ok)"))
        daemon.send(SIGTERM)
        #expect(await daemon.termination() == .exited(0))
        let direct = try await Self.cli(["verify", "--database", fixture.databasePath])
        #expect(direct.status == 0 && direct.outputText.hasPrefix("chain intact: "), "\(direct.outputText)")
        #expect(direct.outputText.contains("database file intact (SQLite quick_check ok)"))
    }

    /// Runs the CLI to its end on a thread of its own: waiting for it must not hold one of the few threads
    /// Swift concurrency shares with every other test.
    static func cli(_ arguments: [String], environment: [String: String]? = nil) async throws -> ChildProcess.Outcome {
        let executable = try DaemonProcess.binaryPath()
        return try await onThread { try ChildProcess.run(executable, arguments, environment: environment) }
    }

    /// Folds the WAL into the file, then overwrites every page after the first (the header) with junk.
    static func corruptEveryPageButTheFirst(_ path: String) throws {
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
    }
}
