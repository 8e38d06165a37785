import Foundation
import Glibc
import MirrorCore
import MirrorStore
import TestSupport
import Testing

@testable import MirrorServer

/// A `DaemonFixture` whose configuration adds `[mirror]` and per-account lines, with helpers for the
/// metrics and notification tests: a waiting `sync` over the socket, and shell scripts as notify programs.
extension DaemonFixture {
    /// The sample configuration plus `mirror` lines in `[mirror]` and `accounts[name]` lines in each account.
    func writeConfiguration(mirror: [String], accounts: [String: [String]] = [:]) throws {
        var text = simulator.sampleConfiguration(database: databasePath, socket: socketPath, interval: "1h")
        text = text.replacingOccurrences(
            of: "interval = 1h\n",
            with: (["interval = 1h"] + mirror).joined(separator: "\n") + "\n"
        )
        for (account, lines) in accounts {
            let header = "[account \"\(account)\"]\n"
            text = text.replacingOccurrences(of: header, with: header + lines.joined(separator: "\n") + "\n")
        }
        try writeConfiguration(text: text)
    }

    /// `sync` with `wait`: every account crawled once more; the reply's result. The wait blocks on a
    /// socket, so it runs on a thread of its own, never on the tests' cooperative pool.
    func syncAndWait() async throws -> JSONValue {
        let socketPath = socketPath
        return try await onOwnThread { Result { try Self.blockingSync(socketPath) } }.get()
    }

    private static func blockingSync(_ socketPath: String) throws -> JSONValue {
        let connection = try UnixConnection.connect(path: socketPath, timeout: .seconds(5))
        defer { connection.close() }
        try connection.write(Data("{\"v\":1,\"id\":1,\"op\":\"sync\",\"wait\":true}\n".utf8), timeout: .seconds(5))
        guard case .line(let line) = try connection.readLine(maxBytes: 1 << 24, timeout: .seconds(120)) else {
            throw HarnessError("no reply to sync")
        }
        let reply = try JSONParser.parse(line)
        guard reply["ok"] == .bool(true), let result = reply["result"] else {
            throw HarnessError("sync failed: \(String(decoding: line, as: UTF8.self))")
        }
        return result
    }

    /// Every account's last crawl in the database is finished and ok. Read on a thread of its own: a
    /// reader may wait out SQLite's busy timeout while the daemon migrates or writes.
    func everyAccountCrawled() async -> Bool {
        let databasePath = databasePath
        return await onOwnThread { Self.everyAccountCrawled(databasePath) }
    }

    private static func everyAccountCrawled(_ databasePath: String) -> Bool {
        guard let reader = try? MirrorReader(path: databasePath), let rows = try? reader.accountStatus() else {
            return false
        }
        return rows.count == accounts.count && rows.allSatisfy { $0.lastCrawlStatus == "ok" }
    }

    /// The notify cursor has passed every prompt change recorded so far (read as above).
    func notificationsCaughtUp() async -> Bool {
        let databasePath = databasePath
        return await onOwnThread { Self.notificationsCaughtUp(databasePath) }
    }

    private static func notificationsCaughtUp(_ databasePath: String) -> Bool {
        guard let reader = try? MirrorReader(path: databasePath),
            let cursor = try? reader.scalarInt("SELECT notified_seq FROM notify_cursor"),
            let last = try? reader.scalarInt("SELECT coalesce(max(seq), 0) FROM prompt_changes")
        else { return false }
        return cursor >= last
    }

    /// An executable `#!/bin/sh` script in the scratch directory, written through a close-on-exec
    /// descriptor: a child that another test spawns meanwhile must not inherit it open for writing,
    /// or executing the script fails with ETXTBSY (execve(2)).
    func script(_ name: String, _ body: String) throws -> String {
        let path = directory.file(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw HarnessError("cannot create \(path)") }
        defer { close(descriptor) }
        // The mode, not open(2)'s: umask(2) is process-wide, and a query server binding its socket in a
        // test running beside this one masks the execute bits for that moment (UnixListener).
        guard fchmod(descriptor, 0o755) == 0 else { throw HarnessError("cannot make \(path) executable") }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw HarnessError("cannot write \(path)") }
        return path
    }

    /// A notify program that saves its standard input as one file per run in `folder`.
    func recordingScript(into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try script(
            "record.sh",
            "f=$(mktemp \(folder)/change.XXXXXX) && cat > \"$f\" && env > \"$f.environment\""
        )
    }

    /// The changes the recording script received, one JSON object each.
    func recorded(in folder: String) -> [JSONValue] {
        recordedFiles(in: folder, environment: false).compactMap { try? JSONParser.parse($0) }
    }

    /// The environment (env(1) output) each run of the recording script saw.
    func recordedEnvironments(in folder: String) -> [String] {
        recordedFiles(in: folder, environment: true).map { String(decoding: $0, as: UTF8.self) }
    }

    private func recordedFiles(in folder: String, environment: Bool) -> [Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { $0.hasSuffix(".environment") == environment }.compactMap {
            FileManager.default.contents(atPath: folder + "/" + $0)
        }
    }
}

/// Runs blocking work (a socket wait, a SQLite open) on a thread of its own, so it never holds one of
/// the few threads of the tests' cooperative pool, which timing-bound suites share.
func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
