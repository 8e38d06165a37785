import Foundation
import Glibc
import MirrorCore
import MirrorSimulator
import TestSupport

/// The simulator, a test CA and a config directory, with `sync` run by the real binary the way an
/// operator runs it. `trusting` runs it in a private mount namespace (unshare(1), root only) where the
/// system CA bundle is replaced by one that includes the test CA, so the machine's store is never changed.
final class NetworkFixture: @unchecked Sendable {
    struct Run {
        let status: Int32
        let output: String
        let errorOutput: String
        let elapsed: Duration

        /// The one account's outcome from `sync --json`.
        func outcome() throws -> JSONValue {
            let outcomes = try JSONParser.parse(Array(output.utf8))
            guard let first = outcomes.arrayValue?.first else { throw FixtureError("no outcome in \(output)") }
            return first
        }

        var error: String { (try? outcome())?["error"]?.stringValue ?? "" }
    }

    /// Whether this machine lets the tests trust their CA privately (unshare needs CAP_SYS_ADMIN).
    static let canTrustPrivately: Bool = {
        getuid() == 0 && (try? ChildProcess.run("/usr/bin/unshare", ["--mount", "/bin/true"]).status) == 0
    }()

    let directory: String
    let simulator: ProviderSimulator
    let authority: TestCertificateAuthority

    init() throws {
        directory = "/tmp/am-net-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        simulator = try ProviderSimulator(options: .init(seed: 5, assistantsPerProvider: 3, includeHugePrompt: false))
        simulator.start()
        authority = try TestCertificateAuthority(directory: directory)
    }

    deinit {
        simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A TLS front before the simulator, serving `certificate` (one of `authority`'s).
    func front(certificate: String) throws -> SocatRelay {
        try SocatRelay.tlsFront(to: simulator.port, certificate: certificate, key: authority.key)
    }

    /// The simulator's PureTalk API root moved to `https://host:port`.
    func pureTalkURL(scheme: String = "https", host: String = "localhost", port: UInt16) -> String {
        "\(scheme)://\(host):\(port)\(simulator.baseURL(for: .puretalk).path)"
    }

    /// `sync --json --verbose` of one PureTalk account at `baseURL`, `pageSize` assistants a page.
    func sync(
        baseURL: String,
        trusting: Bool = false,
        resolver: String? = nil,
        pageSize: Int = 100,
        environment extra: [String: String] = [:]
    ) async throws -> Run {
        let configuration = directory + "/config-\(UUID().uuidString).ini"
        try """
        [mirror]
        database = mirror.db
        socket = query.sock

        [account "pt"]
        provider = puretalk
        base-url = \(baseURL)
        api-key-env = PT_KEY
        page-size = \(pageSize)
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
        environment["PT_KEY"] = simulator.apiKeys[.puretalk]
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        var mounts: [(String, String)] = []
        if trusting { mounts.append((authority.bundle, "/etc/ssl/certs/ca-certificates.crt")) }
        if let resolver { mounts.append((resolver, "/etc/resolv.conf")) }
        let command = [CLIFixture.binary, "sync", "--config", configuration, "--json", "--verbose"]
        let start = ContinuousClock.now
        let outcome: ChildProcess.Outcome
        if mounts.isEmpty {
            outcome = try await ChildProcess.run(command[0], Array(command.dropFirst()), environment: environment)
        } else {
            // Bind mounts in a new mount namespace vanish with it (mount_namespaces(7)); unshare makes its
            // mounts private, so nothing propagates back to the host.
            let binds = mounts.map { "mount --bind '\($0.0)' '\($0.1)'" }.joined(separator: " && ")
            outcome = try await ChildProcess.run(
                "/usr/bin/unshare",
                ["--mount", "/bin/sh", "-c", "\(binds) && exec \"$@\"", "sh"] + command,
                environment: environment
            )
        }
        return Run(
            status: outcome.status,
            output: outcome.outputText,
            errorOutput: outcome.errorText,
            elapsed: ContinuousClock.now - start
        )
    }
}
