import Foundation
import MirrorCore
import MirrorServer

/// Socket latencies of issue 9's goals, from one client: `history` of an assistant with 1,000
/// revisions (its summary, as asked without paging parameters, and pages of 100), and `changes` with
/// limit 100.
enum QueryBenchmark {
    static let requests = 1_000

    static func run() async throws -> [LatencySample] {
        let bench = try BenchDatabase(assistantsPerProvider: 25)
        defer { bench.remove() }
        Benchmark.progress("queries: editing one assistant \(Benchmark.hotRevisions) times…")
        let hot = try await bench.editHotAssistant(times: Benchmark.hotRevisions)
        let middle = JSONValue.number(String(try bench.revisionCount() / 2))
        return try withQueryServer(bench) { socket in
            try [
                (
                    "history, summary of \(Benchmark.hotRevisions + 1) revisions (no paging parameters)",
                    ["op": "history", "assistant": .string(hot)]
                ),
                (
                    "history, newest 100 of \(Benchmark.hotRevisions + 1) (limit 100)",
                    ["op": "history", "assistant": .string(hot), "limit": 100]
                ),
                (
                    "history, 100 from the middle (limit 100, before 500)",
                    ["op": "history", "assistant": .string(hot), "limit": 100, "before": 500]
                ),
                ("changes, limit 100", ["op": "changes", "after": middle, "limit": 100]),
            ].map { label, request in
                Benchmark.progress("queries: \(label)…")
                return try QueryLoad.measure(
                    socket: socket,
                    label: label,
                    request: request,
                    total: requests,
                    clients: 1
                )
            }
        }
    }

    /// Serves the bench database on a Unix socket while `body` runs.
    static func withQueryServer<T>(_ bench: BenchDatabase, _ body: (String) throws -> T) throws -> T {
        let socket = bench.directory + "/query.sock"
        let server = QueryServer(
            listener: try UnixListener.bind(path: socket),
            databasePath: bench.databasePath,
            daemon: nil,
            notifier: ChangeNotifier(),
            logger: .silent()
        )
        server.start()
        defer { server.stop() }
        return try body(socket)
    }

    static func printTable(_ samples: [LatencySample]) {
        print("| query | clients | requests | p50 (ms) | p99 (ms) | max (ms) | CPU per request (ms) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for sample in samples {
            print(
                "| \(sample.label) | \(sample.clients) | \(sample.count) | \(Benchmark.format(sample.percentile(0.5), 2)) | "
                    + "\(Benchmark.format(sample.percentile(0.99), 2)) | \(Benchmark.format(sample.maximum, 2)) | "
                    + "\(Benchmark.format(sample.cpuMillisecondsPerRequest, 3)) |"
            )
        }
    }
}
