import Foundation

// mirror-bench: figures for README. Run with `swift run -c release mirror-bench`.
//
// 1. Crawl throughput and peak RSS: a first mirror of a simulated world, then an unchanged re-read.
// 2. A history of `Benchmark.targetRevisions` revisions (one assistant edited `Benchmark.hotRevisions` times, the rest
//    from the simulator's realistic edits), all through the real write path.
// 3. Socket latency of `history` and `changes` from 1 client and from 8 concurrent clients.
// 4. Peak memory of a first mirror at two world sizes, with the simulator in a child process.

do {
    if CommandLine.arguments.count == 3, CommandLine.arguments[1] == MemoryBenchmark.childMode {
        try await MemoryBenchmark.serveSimulator(assistantsPerProvider: Int(CommandLine.arguments[2]) ?? 100)
    } else {
        try await Benchmark.run()
    }
} catch {
    FileHandle.standardError.write(Data("mirror-bench: \(error)\n".utf8))
    exit(1)
}
