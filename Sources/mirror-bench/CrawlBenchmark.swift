import Foundation
import MirrorApp
import MirrorCore
import MirrorStore
import MirrorSync

/// What a crawl costs per assistant (issue 9): PureTalk assistants with 2–4 KB prompts, pages of 100,
/// served by the simulator in a child process. Three phases on one database: the initial mirror, an
/// unchanged re-poll, and a re-poll after 1% of the prompts changed; then the reference script, which
/// only fetches, parses and inserts, measured the same way.
enum CrawlBenchmark {
    struct Figures {
        let label: String
        let assistants: Int
        let cpuSeconds: Double
        let peakMiB: Double?
        let writtenBytes: Int
        let databaseBytes: Int
        let walBytes: Int

        var cpuMillisecondsPer10k: Double { cpuSeconds * 1000 * 10_000 / Double(max(assistants, 1)) }
    }

    enum Phase: String, CaseIterable {
        case initial, unchanged, changed
    }

    /// One run's figures per phase (and the reference's), with the history's and database's sizes.
    struct Run {
        let figures: [Figures]
        let historyBytes: Int
        let databaseBytes: Int
    }

    static func run(
        assistants: Int,
        phases: Set<Phase>,
        referenceScript: String?,
        keepIn keptDirectory: String?
    ) async throws -> Run {
        let directory = NSTemporaryDirectory() + "mirror-bench-crawl-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try SimulatorChild(mode: SimulatorChild.servePureTalkMode, arguments: [String(assistants)])
        defer { child.stop() }
        let database = directory + "/mirror.db"
        let account = AccountConfiguration(
            name: "bench-puretalk",
            provider: .puretalk,
            secret: .environment(name: "UNUSED"),
            baseURL: URL(string: child.root + "/puretalk/api")!,
            pageSize: 100
        )
        let crawler = try MirrorAssembly.open(
            MirrorConfiguration(database: database, socket: directory + "/unused.sock", accounts: [account]),
            logger: .silent()
        ).crawler(secrets: [account.name: Secret("sim-puretalk-key")], settings: .init(maxDeleteShare: 0.5))

        var figures: [Figures] = []
        for phase in Phase.allCases where phase == .initial || phases.contains(phase) {
            if phase == .changed { try child.editPrompts(assistants / 100) }
            Benchmark.progress("crawl \(assistants): \(phase.rawValue)…")
            figures.append(
                try await measure(phase.rawValue, assistants: assistants, database: database) {
                    let outcome = await crawler.crawl(account)
                    guard outcome.succeeded, outcome.progress.seen == assistants else {
                        throw BenchError("\(phase) crawl failed: \(outcome.error ?? "\(outcome.progress)")")
                    }
                    if phase == .changed, outcome.progress.updated != assistants / 100 {
                        throw BenchError("expected \(assistants / 100) updates, saw \(outcome.progress.updated)")
                    }
                }
            )
        }
        let historyBytes =
            try MirrorReader(path: database).jsonRows(
                "SELECT coalesce(sum(length(CAST(snapshot AS BLOB))), 0) AS bytes FROM assistant_revisions"
            ).first?["bytes"]?.intValue ?? 0
        // The size is taken after a full checkpoint: pages still in the WAL are the database's too, and
        // how many are depends on when SQLite last checkpointed (https://www.sqlite.org/wal.html#ckpt).
        try Connection(path: database, mode: .readWrite).checkpointTruncate()
        let databaseBytes = ResourceUsage.fileBytes(database)
        if let keptDirectory {
            let kept = keptDirectory + "/mirror-\(assistants).db"
            try? FileManager.default.removeItem(atPath: kept)
            try FileManager.default.copyItem(atPath: database, toPath: kept)
            Benchmark.progress("crawl \(assistants): database kept in \(kept)")
        }
        if let referenceScript {
            Benchmark.progress("crawl \(assistants): reference script…")
            figures.append(try reference(script: referenceScript, root: child.root, assistants: assistants))
        }
        return Run(figures: figures, historyBytes: historyBytes, databaseBytes: databaseBytes)
    }

    private static func measure(
        _ label: String,
        assistants: Int,
        database: String,
        _ body: () async throws -> Void
    ) async throws -> Figures {
        ResourceUsage.resetPeak()
        let cpu = ResourceUsage.cpuSeconds()
        let written = ResourceUsage.writtenBytes()
        try await body()
        return Figures(
            label: label,
            assistants: assistants,
            cpuSeconds: ResourceUsage.cpuSeconds() - cpu,
            peakMiB: ResourceUsage.peakMiB(),
            writtenBytes: ResourceUsage.writtenBytes() - written,
            databaseBytes: ResourceUsage.fileBytes(database),
            walBytes: ResourceUsage.fileBytes(database + "-wal")
        )
    }

    /// Runs the reference script (Python, standard library only), which reports its own figures.
    private static func reference(script: String, root: String, assistants: Int) throws -> Figures {
        let directory = NSTemporaryDirectory() + "mirror-bench-reference-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script, "--base-url", root + "/puretalk/api", "--api-key", "sim-puretalk-key",
            "--database", directory + "/reference.db",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let report = try? JSONParser.parse(String(decoding: data, as: UTF8.self))
        else {
            throw BenchError("the reference script failed (status \(process.terminationStatus))")
        }
        guard report["assistants"]?.intValue == assistants else {
            throw BenchError("the reference script saw \(report["assistants"]?.intValue ?? 0) of \(assistants)")
        }
        return Figures(
            label: "reference script",
            assistants: assistants,
            cpuSeconds: report["cpu_seconds"]?.doubleValue ?? .nan,
            peakMiB: report["peak_rss_kib"]?.doubleValue.map { $0 / 1024 },
            writtenBytes: report["written_bytes"]?.intValue ?? 0,
            databaseBytes: report["database_bytes"]?.intValue ?? 0,
            walBytes: report["wal_bytes"]?.intValue ?? 0
        )
    }

    /// One row per size and phase. With several runs of a size, CPU is the median with the range beside
    /// it (this VM's figures move by tens of percent from run to run; one run says little), peak RSS the
    /// highest, bytes written the median; the sizes are the last run's.
    static func printTable(_ runsBySize: [[Run]]) {
        print(
            "| assistants | phase | CPU ms per 10k | runs (min–max) | peak RSS (MiB) | written (MB) | database (MB) "
                + "| WAL file (MB) |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        for runs in runsBySize {
            guard let last = runs.last else { continue }
            for (index, figures) in last.figures.enumerated() {
                let all = runs.map { $0.figures[index] }
                let cpu = all.map(\.cpuMillisecondsPer10k).sorted()
                let range =
                    all.count > 1
                    ? "\(Benchmark.format(cpu[0], 0))–\(Benchmark.format(cpu[cpu.count - 1], 0))" : "1 run"
                let peak = all.compactMap(\.peakMiB).max()
                let written = all.map(\.writtenBytes).sorted()[all.count / 2]
                print(
                    "| \(figures.assistants) | \(figures.label) | \(Benchmark.format(median(cpu), 0)) | \(range) | "
                        + "\(peak.map { Benchmark.format($0, 1) } ?? "n/a") | "
                        + "\(Benchmark.format(Double(written) / 1e6, 1)) | "
                        + "\(Benchmark.format(Double(figures.databaseBytes) / 1e6, 1)) | "
                        + "\(Benchmark.format(Double(figures.walBytes) / 1e6, 1)) |"
                )
            }
            print(
                "\nsnapshots in the history: \(Benchmark.format(Double(last.historyBytes) / 1e6, 1)) MB; "
                    + "database after a checkpoint: \(Benchmark.format(Double(last.databaseBytes) / 1e6, 1)) MB; "
                    + "database / snapshots = "
                    + "\(Benchmark.format(Double(last.databaseBytes) / Double(max(last.historyBytes, 1)), 2))\n"
            )
        }
    }

    /// The middle value of sorted figures; the mean of the two middle ones for an even count.
    static func median(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
