import Foundation
import MirrorApp

// mirror-bench: figures for README. Run with `swift run -c release mirror-bench [MODE]`.
//
// (no mode)  1. Crawl throughput and peak RSS: a first mirror of a simulated world, then an unchanged re-read.
//            2. A history of `Benchmark.targetRevisions` revisions (one assistant edited `Benchmark.hotRevisions`
//               times, the rest from the simulator's realistic edits), all through the real write path.
//            3. Socket latency of `history` and `changes` from 1 client and from 8 concurrent clients.
//            4. Peak memory of a first mirror at two world sizes, with the simulator in a child process.
// crawl      Issue 9's crawl costs: CPU per 10,000 assistants per phase (initial, unchanged, 1% changed), peak
//            RSS, bytes written and database size, and the same for the reference script.
//            Options: --assistants N[,N…] (default 20000), --phases initial,unchanged,changed,
//            --reference PATH (default Tests/Benchmarks/reference_mirror.py), --no-reference, --keep DIR (leaves
//            each size's database as DIR/mirror-N.db for sqlite3), --runs N (each size N times, fresh each
//            time: the median and range of CPU per phase).
// queries    Issue 9's socket latencies from one client: `history` of 1,001 revisions (summary, pages of 100),
//            `changes` limit 100.

// As the daemon does (MirrorCLI.main), so the figures are the daemon's.
ProcessMemory.limitMallocArenas()

do {
    var arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case SimulatorChild.serveAllMode?:
        try SimulatorChild.serveAll(assistants: Int(arguments.dropFirst().first ?? "") ?? 100)
    case SimulatorChild.servePureTalkMode?:
        try SimulatorChild.servePureTalk(assistants: Int(arguments.dropFirst().first ?? "") ?? 100)
    case "crawl"?:
        arguments.removeFirst()
        let options = try CrawlOptions(arguments)
        var runsBySize: [[CrawlBenchmark.Run]] = []
        for size in options.sizes {
            var runs: [CrawlBenchmark.Run] = []
            for run in 1...options.runs {
                if options.runs > 1 { Benchmark.progress("crawl \(size): run \(run) of \(options.runs)") }
                runs.append(
                    try await CrawlBenchmark.run(
                        assistants: size,
                        phases: options.phases,
                        referenceScript: options.reference,
                        keepIn: options.keep
                    )
                )
            }
            runsBySize.append(runs)
        }
        print("Machine: \(ResourceUsage.machine())\n")
        CrawlBenchmark.printTable(runsBySize)
    case "queries"?:
        let samples = try await QueryBenchmark.run()
        print("Machine: \(ResourceUsage.machine())\n")
        QueryBenchmark.printTable(samples)
    case nil:
        try await Benchmark.run()
    case let other?:
        throw BenchError("unknown mode '\(other)': use crawl, queries, or no mode for the full run")
    }
} catch {
    FileHandle.standardError.write(Data("mirror-bench: \(error)\n".utf8))
    exit(1)
}
