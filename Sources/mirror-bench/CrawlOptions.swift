/// `mirror-bench crawl` options: which sizes, which phases after the initial one, and the reference script.
struct CrawlOptions {
    var sizes = [20_000]
    var phases = Set(CrawlBenchmark.Phase.allCases)
    var reference: String? = "Tests/Benchmarks/reference_mirror.py"
    /// Where to leave each size's database (`DIR/mirror-N.db`) for `sqlite3`; by default it is removed.
    var keep: String?
    /// How many times each size is run, each on a fresh database and simulator.
    var runs = 1

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            switch flag {
            case "--no-reference":
                reference = nil
                continue
            case "--assistants", "--phases", "--reference", "--keep", "--runs":
                break
            default:
                throw BenchError(
                    "unknown option '\(flag)': use --assistants, --phases, --runs, --reference, --no-reference or --keep"
                )
            }
            guard let value = remaining.popFirst() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--assistants":
                sizes = try value.split(separator: ",").map { text in
                    guard let size = Int(text), size >= 100 else {
                        throw BenchError("--assistants takes counts of at least 100, e.g. 20000,100000; got '\(text)'")
                    }
                    return size
                }
            case "--phases":
                phases = Set(
                    try value.split(separator: ",").map { name in
                        guard let phase = CrawlBenchmark.Phase(rawValue: String(name)) else {
                            throw BenchError("--phases takes initial, unchanged, changed; got '\(name)'")
                        }
                        return phase
                    }
                )
            case "--keep":
                keep = value
            case "--runs":
                guard let count = Int(value), (1...20).contains(count) else {
                    throw BenchError("--runs takes a count from 1 to 20; got '\(value)'")
                }
                runs = count
            default:
                reference = value
            }
        }
    }
}
