import Foundation

// mirror-bench: figures for README. Run with `swift run -c release mirror-bench`.
//
// 1. Crawl throughput and peak RSS: a first mirror of a simulated world, then an unchanged re-read.
// 2. A history of `Benchmark.targetRevisions` revisions (one assistant edited `Benchmark.hotRevisions` times, the rest
//    from the simulator's realistic edits), all through the real write path.
// 3. Socket latency of `history` and `changes` from 1 client and from 8 concurrent clients.

do {
    try await Benchmark.run()
} catch {
    FileHandle.standardError.write(Data("mirror-bench: \(error)\n".utf8))
    exit(1)
}
