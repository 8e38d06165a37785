import Foundation
import MirrorApp
import MirrorCore
import MirrorSync

/// Memory stays bounded by about one page, whatever the number of assistants. To measure the mirror
/// alone, the simulator runs in a child process (this binary, `mirror-bench serve-simulator N`), and
/// each size reports the peak resident memory of a first mirror of a fresh database.
enum MemoryBenchmark {
    struct Figures {
        let assistants: Int
        let seconds: Double
        let peakMiB: Double?
    }

    static func run(assistantsPerProvider sizes: [Int]) async throws -> [Figures] {
        var figures: [Figures] = []
        for size in sizes {
            figures.append(try await measure(assistantsPerProvider: size))
        }
        return figures
    }

    private static func measure(assistantsPerProvider size: Int) async throws -> Figures {
        let directory = NSTemporaryDirectory() + "mirror-bench-memory-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try SimulatorChild(mode: SimulatorChild.serveAllMode, arguments: [String(size)])
        defer { child.stop() }
        let root = child.root
        var secrets: [String: Secret] = [:]
        let accounts = ProviderKind.builtIns.map { provider -> AccountConfiguration in
            let prefix = [
                "puretalk": "/puretalk/api", "invent": "/invent", "telnyx": "/telnyx/v2", "interactly": "/interactly",
            ]
            let name = "memory-\(provider.rawValue)"
            secrets[name] = Secret("sim-\(provider.rawValue)-key")
            return AccountConfiguration(
                name: name,
                provider: provider,
                secret: .environment(name: "UNUSED"),
                baseURL: URL(string: root + prefix[provider.rawValue]!)!,
                pageSize: 100,
                org: provider == .invent ? "c" : nil
            )
        }
        let crawler = try MirrorAssembly.open(
            MirrorConfiguration(
                database: directory + "/mirror.db",
                socket: directory + "/unused.sock",
                accounts: accounts
            ),
            logger: .silent()
        ).crawler(secrets: secrets, settings: .init(maxDeleteShare: 0.5))
        ResourceUsage.resetPeak()
        let start = ContinuousClock.now
        for account in accounts {
            let outcome = await crawler.crawl(account)
            guard outcome.status == .ok else {
                throw BenchError("memory crawl of \(account.name) failed: \(outcome.error ?? "?")")
            }
        }
        let elapsed = ContinuousClock.now - start
        return Figures(assistants: size * 4, seconds: elapsed.seconds, peakMiB: ResourceUsage.peakMiB())
    }
}
