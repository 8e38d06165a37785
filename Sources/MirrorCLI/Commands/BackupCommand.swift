import MirrorCore
import MirrorProtocol
import MirrorStore

/// `backup --config FILE --to FILE`: a consistent copy of the live database, then `verify` of the copy.
struct BackupCommand: Command {
    let name = "backup"
    let summary = "copy the database consistently while the daemon runs (SQLite's backup API), then verify the copy"
    let options: [ParsedArguments.Option] = [
        .value("config", "FILE", "the configuration whose database to copy"),
        .value("to", "FILE", "the new backup file (never overwritten)"),
        .flag("json", "print the copy's verification as JSON"),
    ]
    let discussion = """
        Reads through a read-only snapshot, so the daemon keeps crawling meanwhile. The copy is fsynced
        and renamed into place, then checked like `verify --database FILE`: exit status 0 only when SQLite
        finds the copy intact and its hash chain verifies. To restore: stop the daemon, copy the backup
        over the database path, remove the old -wal and -shm files, start the daemon (README, Backup and
        restore).
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard let target = arguments.value("to") else { throw UsageError("--to FILE is required") }
        let configuration = try CommandContext.loadConfiguration(arguments)
        try OutputPath.requireWritable(target, for: "the backup")
        do {
            try StillWorking.during("backup: copying \(configuration.database)") {
                try DatabaseBackup(source: configuration.database, target: target).run()
            }
        } catch {
            throw CLIError("backup of \(configuration.database) failed: \(error)", status: .failure)
        }
        let json = try StillWorking.during("backup: verifying the copy") {
            try VerifyCommand.verifyFile(target, head: nil)
        }
        let result: VerifyResult
        do {
            result = try VerifyResult(json: json)
        } catch {
            throw CLIError("the copy's verification is not as expected: \(error)", status: .failure)
        }
        if arguments.flag("json") {
            Console.out(json.canonicalText)
        } else {
            Console.out("backed up \(configuration.database) to \(target)\n" + VerifyCommand.describe(result))
        }
        return result.ok ? .ok : .failure
    }
}
