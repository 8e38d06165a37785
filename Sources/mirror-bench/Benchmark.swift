import Foundation
import MirrorCore

/// The benchmark's phases and its Markdown tables (see main.swift for what is measured).
enum Benchmark {
    static let assistantsPerProvider = 500
    static let hotRevisions = 1_000
    static let targetRevisions = 10_000
    /// Requests per row; the two heavy queries (about 20 ms each) get half, to keep the run near 2 minutes.
    static let requestsPerRow = 2_000
    static let requestsPerHeavyRow = 1_000

    static func run() async throws {
        progress("memory: first mirrors of 1000 and 10000 assistants, simulator in a child process…")
        let memory = try await MemoryBenchmark.run(assistantsPerProvider: [250, 2_500])
        let bench = try BenchDatabase(assistantsPerProvider: assistantsPerProvider)
        defer { bench.remove() }

        progress("first mirror of \(assistantsPerProvider * 4) assistants…")
        let firstMirror = try await bench.crawlWorld(label: "first mirror")
        let reread = try await bench.crawlWorld(label: "unchanged re-read")
        progress("editing one assistant \(hotRevisions) times…")
        let hot = try await bench.editHotAssistant(times: hotRevisions)
        progress("growing the history to \(targetRevisions) revisions…")
        try await bench.grow(toRevisions: targetRevisions, editsPerRound: 1_500)
        let typical = try bench.typicalAssistant()
        let revisions = try bench.revisionCount()

        let middle = JSONValue.number(String(revisions / 2))
        let queries: [(String, [String: JSONValue], Int)] = [
            (
                "history summary, \(hotRevisions + 1) revisions", ["op": "history", "assistant": .string(hot)],
                requestsPerHeavyRow
            ),
            (
                "history, \(typical.revisions) revisions (median)",
                ["op": "history", "assistant": .string(typical.id)],
                requestsPerRow
            ),
            ("changes, limit 100", ["op": "changes", "after": middle, "limit": 100], requestsPerRow),
            ("changes, limit 1000", ["op": "changes", "after": middle, "limit": 1000], requestsPerHeavyRow),
        ]
        let samples = try QueryBenchmark.withQueryServer(bench) { socket in
            try queries.flatMap { label, request, total in
                try [1, 8].map { clients in
                    progress("\(label), \(clients) client(s)…")
                    return try QueryLoad.measure(
                        socket: socket,
                        label: label,
                        request: request,
                        total: total,
                        clients: clients
                    )
                }
            }
        }

        print(
            "Machine: \(ResourceUsage.machine()); database: \(revisions) revisions, "
                + "\(assistantsPerProvider * 4 + 1) assistants\n"
        )
        print("| first mirror, simulator in a child process | assistants | seconds | assistants/s | peak RSS (MiB) |")
        print("|---|---:|---:|---:|---:|")
        for figures in memory {
            print(
                "| memory | \(figures.assistants) | \(format(figures.seconds, 2)) | "
                    + "\(format(Double(figures.assistants) / figures.seconds, 0)) | \(figures.peakMiB.map { format($0, 0) } ?? "n/a") |"
            )
        }
        print("")
        print("| crawl | assistants | seconds | assistants/s | peak RSS (MiB) |")
        print("|---|---:|---:|---:|---:|")
        for figures in [firstMirror, reread] {
            print(
                "| \(figures.label) | \(figures.assistants) | \(format(figures.seconds, 2)) | "
                    + "\(format(figures.perSecond, 0)) | \(figures.peakMiB.map { format($0, 0) } ?? "n/a") |"
            )
        }
        print("")
        QueryBenchmark.printTable(samples)
    }

    /// Progress on stderr, so stdout holds only the tables.
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
