import Foundation
import MirrorCore
import TestSupport
import Testing

/// The mirror on a real network path: HTTPS through a TLS-terminating front (socat) with a CA made by the
/// test, the certificate and transport failures an operator meets, and a CONNECT proxy. Each failure must
/// come back after one attempt (permanent ones) with words that say what to check, the same in `sync`'s
/// output (and thus `sync_runs.error`, which `status` shows) and in the log.
@Suite("Networks: TLS, DNS and proxies", .serialized)
struct NetworkTests {
    static let trust = Testing.ConditionTrait.enabled(
        if: NetworkFixture.canTrustPrivately,
        "trusting a test CA needs root and unshare(1) for a private mount namespace"
    )

    /// A failed sync: exit 1, the expected words, nothing retried, and the log saying the same.
    func expectPermanentFailure(_ run: NetworkFixture.Run, saying words: String) {
        #expect(run.status == 1)
        #expect(run.error.contains(words), "error: \(run.error)")
        #expect(run.error.contains("Not retried"))
        #expect(run.errorOutput.contains(run.error), "the log repeats the outcome's words")
        #expect(!run.errorOutput.contains("HTTP retry"))
        #expect(run.elapsed < .seconds(30))
    }

    @Test("a sync over HTTPS through the TLS front works once the CA is trusted", trust)
    func httpsWorks() async throws {
        let fixture = try NetworkFixture()
        let front = try fixture.front(certificate: fixture.authority.valid)
        let run = try await fixture.sync(baseURL: fixture.pureTalkURL(port: front.port), trusting: true)
        #expect(run.status == 0, "\(run.output)\n\(run.errorOutput)")
        let outcome = try run.outcome()
        #expect(outcome["status"]?.stringValue == "ok" && outcome["seen"]?.intValue == 3)
        #expect(fixture.simulator.requests.count >= 1)
    }

    @Test("an untrusted issuer fails at once and says to trust the CA")
    func untrustedIssuer() async throws {
        let fixture = try NetworkFixture()
        let front = try fixture.front(certificate: fixture.authority.valid)
        let run = try await fixture.sync(baseURL: fixture.pureTalkURL(port: front.port))
        expectPermanentFailure(run, saying: "not signed by a CA this machine trusts")
        #expect(run.error.contains("update-ca-certificates"))
        #expect(fixture.simulator.requests.isEmpty)
    }

    @Test(
        "a trusted CA's certificate for another name, or an expired one, fails and says which",
        trust,
        arguments: [
            ("wrong-name.pem", "certificate is for another host name", "check the host name in base-url"),
            ("expired.pem", "certificate has expired or is not yet valid", "the provider must renew it"),
        ]
    )
    func badCertificate(file: String, summary: String, advice: String) async throws {
        let fixture = try NetworkFixture()
        let front = try fixture.front(certificate: fixture.authority.directory + "/" + file)
        let run = try await fixture.sync(baseURL: fixture.pureTalkURL(port: front.port), trusting: true)
        expectPermanentFailure(run, saying: summary)
        #expect(run.error.contains(advice))
        #expect(fixture.simulator.requests.isEmpty)
    }

    @Test("https to a plain-http port fails the handshake and says to check the port")
    func tlsToPlainPort() async throws {
        let fixture = try NetworkFixture()
        let plain = try SocatRelay.badRequestServer()
        let run = try await fixture.sync(baseURL: fixture.pureTalkURL(host: "127.0.0.1", port: plain.port))
        expectPermanentFailure(run, saying: "the TLS handshake failed")
        #expect(run.error.contains("speaks https, not plain http"))
    }

    @Test("an unresolvable host name fails at once and says to check the name and resolver", trust)
    func unresolvableHost() async throws {
        let fixture = try NetworkFixture()
        // A resolver on loopback where nothing listens: the lookup fails locally, no packet leaves the host.
        let resolver = fixture.directory + "/resolv.conf"
        try "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n".write(
            toFile: resolver,
            atomically: true,
            encoding: .utf8
        )
        let run = try await fixture.sync(
            baseURL: "https://\(TestCertificateAuthority.proxiedHost)/api",
            resolver: resolver
        )
        expectPermanentFailure(run, saying: "the host name could not be resolved")
    }

    @Test("a sync through a CONNECT proxy works; loopback skips the proxy; credentials never show", trust)
    func throughProxy() async throws {
        let fixture = try NetworkFixture()
        let front = try fixture.front(certificate: fixture.authority.valid)
        let log = fixture.directory + "/proxy.log"
        let proxy = try SocatRelay.connectProxy(to: front.port, status: 200, log: log)
        let environment = ["https_proxy": "http://mirror:pr0xy-s3cret@127.0.0.1:\(proxy.port)"]
        let host = TestCertificateAuthority.proxiedHost
        let run = try await fixture.sync(
            baseURL: fixture.pureTalkURL(host: host, port: front.port),
            trusting: true,
            pageSize: 1,
            environment: environment
        )
        #expect(run.status == 0, "\(run.output)\n\(run.errorOutput)")
        let outcome = try run.outcome()
        #expect(outcome["seen"]?.intValue == 3 && outcome["pages"]?.intValue == 3)
        let requests = try String(contentsOfFile: log, encoding: .utf8)
        // Three pages through one tunnel: the connection is kept alive for the whole crawl.
        #expect(requests.components(separatedBy: "CONNECT \(host):\(front.port) HTTP/1.1\n").count == 2)
        #expect(requests.contains("Proxy-Authorization: Basic"))
        #expect(run.errorOutput.contains("proxy=http://127.0.0.1:\(proxy.port)"), "the log names the proxy")
        #expect(!(run.output + run.errorOutput).contains("pr0xy-s3cret"))

        // The simulator itself, on loopback, is reached directly although https_proxy is set.
        let before = try String(contentsOfFile: log, encoding: .utf8)
        let direct = try await fixture.sync(
            baseURL: fixture.simulator.baseURL(for: .puretalk).absoluteString,
            environment: environment
        )
        #expect(direct.status == 0, "\(direct.output)\n\(direct.errorOutput)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == before)
    }

    @Test("a proxy that refuses the CONNECT is named, without its credentials")
    func refusingProxy() async throws {
        let fixture = try NetworkFixture()
        let log = fixture.directory + "/proxy.log"
        let proxy = try SocatRelay.connectProxy(to: 9, status: 403, log: log)
        let run = try await fixture.sync(
            baseURL: "https://\(TestCertificateAuthority.proxiedHost):8443/api",
            environment: ["https_proxy": "http://mirror:pr0xy-s3cret@127.0.0.1:\(proxy.port)"]
        )
        expectPermanentFailure(
            run,
            saying: "the proxy http://127.0.0.1:\(proxy.port) (from https_proxy) refused to connect to the provider"
        )
        #expect(!(run.output + run.errorOutput).contains("pr0xy-s3cret"))
    }
}

/// `check-config --probe`: one list request per account, each account's result in the words a sync uses.
@Suite("check-config --probe")
struct ProbeTests {
    @Test func eachAccountGetsItsOwnVerdict() throws {
        let fixture = try NetworkFixture()
        let simulator = fixture.simulator
        let configuration = fixture.directory + "/probe.ini"
        try """
        [mirror]
        database = mirror.db

        [account "good"]
        provider = puretalk
        base-url = \(simulator.baseURL(for: .puretalk).absoluteString)
        api-key-env = PT_KEY
        page-size = 2

        [account "bad-key"]
        provider = telnyx
        base-url = \(simulator.baseURL(for: .telnyx).absoluteString)
        api-key-env = WRONG_TELNYX_KEY

        [account "bad-path"]
        provider = telnyx
        base-url = \(simulator.baseURL(for: .telnyx).absoluteString)/not-the-api
        api-key-env = TELNYX_KEY
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["PT_KEY"] = simulator.apiKeys[.puretalk]
        environment["TELNYX_KEY"] = simulator.apiKeys[.telnyx]
        environment["WRONG_TELNYX_KEY"] = "CANARY-not-the-key"
        let run = try ChildProcess.run(
            CLIFixture.binary,
            ["check-config", "--config", configuration, "--probe"],
            environment: environment
        )
        let lines = run.errorText.split(separator: "\n").map(String.init)
        #expect(run.status == 1)
        #expect(lines.contains("probe good: OK, 2 assistant(s) on the first page, more pages follow"))
        let badKey = try #require(lines.first { $0.hasPrefix("probe bad-key: FAILED: ") })
        #expect(badKey.contains("refused the API key of account bad-key (HTTP 401"))
        #expect(badKey.contains("check the key in environment variable WRONG_TELNYX_KEY"))
        let badPath = try #require(lines.first { $0.hasPrefix("probe bad-path: FAILED: ") })
        #expect(badPath.contains("answered HTTP 404 for the assistant list"))
        #expect(badPath.contains("check base-url"))
        #expect(lines.contains("probe: 2 account(s) failed"))
        #expect(!(run.outputText + run.errorText).contains("CANARY"))
        // One request per account, none retried.
        #expect(simulator.requests.count == 3)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/mirror.db"))
    }
}
