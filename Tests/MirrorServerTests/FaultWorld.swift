import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

/// A daemon whose database lives on a tmpfs the test mounted, with the simulator beside it: the stage on
/// which a filesystem fault is injected for real while the daemon crawls every second.
final class FaultWorld: @unchecked Sendable {
    let fixture: DaemonFixture
    let mount: TmpfsMount
    let database: String

    init(sizeKiB: Int, databaseDirectory: String = "") throws {
        fixture = try DaemonFixture(interval: "1s")
        mount = try TmpfsMount(sizeKiB: sizeKiB)
        let directory = databaseDirectory.isEmpty ? mount.path : mount.file(databaseDirectory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = directory + "/mirror.db"
        try fixture.writeConfiguration(
            text: fixture.simulator.sampleConfiguration(database: database, socket: fixture.socketPath, interval: "1s")
        )
    }

    func launch() throws -> DaemonProcess { try fixture.launch(environment: fixture.environment()) }

    /// Every live assistant of every provider has, in the mirror, the prompt the simulator serves now.
    func mirrorMatchesSimulator() -> Bool {
        guard let reader = try? Connection(path: database, mode: .readOnly) else { return false }
        for provider in SimulatedProvider.builtIn {
            for id in fixture.simulator.assistantIDs(provider) {
                let stored = try? reader.scalarString(
                    """
                    SELECT prompt FROM assistants_current
                    WHERE account = ? AND remote_id = ? AND deleted_at IS NULL
                    """,
                    ["sim-\(provider.rawValue)", id]
                )
                if stored != fixture.simulator.mainPrompt(provider, id: id) { return false }
            }
        }
        return true
    }

    /// Waits until the mirror matches the simulator again, following the schedule the daemon reports.
    /// Five failed crawls in a row open an account's breaker for a minute (RetrySchedule), and a
    /// half-open probe that fails (on a loaded machine, say) re-opens it for two: a fixed bound of the
    /// first cool-down plus the patience ran out once in a full CI run. So the wait lasts until every
    /// account's reported next crawl plus the patience (never less than that fixed bound), re-read as
    /// it moves, and never past five minutes, so a daemon that stops converging still fails the test.
    func converges() async -> Bool {
        let limit = ContinuousClock.now + .seconds(300)
        var deadline = ContinuousClock.now + .seconds(60) + DaemonProcess.patience
        while ContinuousClock.now < min(deadline, limit) {
            if mirrorMatchesSimulator() { return true }
            if let latest = latestScheduledCrawl() {
                let untilThen = Duration.milliseconds(Int64(max(0, latest.timeIntervalSinceNow) * 1000))
                deadline = max(deadline, ContinuousClock.now + untilThen + DaemonProcess.patience)
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return mirrorMatchesSimulator()
    }

    /// The latest `next_crawl_at` among the accounts `status` lists; nil when the socket does not answer.
    func latestScheduledCrawl() -> Date? {
        guard let accounts = (try? query("status"))?["accounts"]?.arrayValue else { return nil }
        return accounts.compactMap { $0["next_crawl_at"]?.stringValue.flatMap(Timestamp.parse) }.max()
    }

    /// What `status` says of each account's schedule, for a failure message.
    func schedules() -> String {
        guard let accounts = (try? query("status"))?["accounts"]?.arrayValue else { return "no status" }
        return accounts.map { account in
            ["account", "breaker", "consecutive_failures", "next_crawl_at"]
                .map { "\($0)=\(account[$0].map { $0.stringValue ?? $0.intValue.map(String.init) ?? "\($0)" } ?? "-")" }
                .joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// Gives every assistant a new, large prompt, so the next crawl must write well beyond the WAL's size.
    func editEveryPrompt(round: Int) {
        let filler = String(repeating: "Answer politely and cite the policy number. ", count: 400)
        for provider in SimulatedProvider.builtIn {
            for id in fixture.simulator.assistantIDs(provider) {
                fixture.simulator.editPrompt(provider, id: id, to: "Round \(round) for \(id). " + filler)
            }
        }
    }

    /// One request on the daemon's socket; the reply's `result`.
    func query(_ op: String) throws -> JSONValue { try DaemonFixture.query(socket: fixture.socketPath, op: op) }

    /// The revisions the daemon reports, and whether its `verify` finds the chain intact.
    func history() throws -> (revisions: Int, intact: Bool) {
        let status = try query("status")
        let verify = try query("verify")
        return (status["revisions"]?.intValue ?? -1, verify["ok"] == .bool(true))
    }

    /// Lines the daemon logged for failed crawls, and for crawls that ended failed.
    static func failures(_ daemon: DaemonProcess) -> Failures {
        let lines = daemon.logLines
        return Failures(
            logged: lines.filter { $0.contains("crawl failed") },
            crawls: lines.filter { $0.contains("crawl finished") && $0.contains("status=failed") }.count
        )
    }

    /// The daemon's failure lines and the failed crawls it finished.
    struct Failures {
        let logged: [String]
        let crawls: Int

        /// At least `count` failed crawls, each with exactly one failure line.
        func balanced(atLeast count: Int) -> Bool {
            crawls >= count && logged.count == crawls
        }
    }
}
