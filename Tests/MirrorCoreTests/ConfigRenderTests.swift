import Foundation
import Testing

@testable import MirrorCore

@Suite struct ConfigRenderTests {
    static let canary = SecretLoaderTests.canary

    @Test func defaultsAreWrittenOut() throws {
        let text = """
            [account "pt"]
            provider = puretalk
            api-key-file = keys/pt

            [account "inv"]
            provider = invent
            credential = invent-key

            [account "ia"]
            provider = interactly
            api-key-env = IA_KEY
            items-key = " padded "
            """
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/etc/assistant-mirror/config.ini")
        #expect(
            configuration.renderEffective() == """
                # Effective configuration of /etc/assistant-mirror/config.ini
                # (defaults filled in; API keys are never shown, only where they are read from)

                [mirror]
                database = /var/lib/assistant-mirror/mirror.db
                socket = /run/assistant-mirror.sock
                interval = 5m
                jitter = 10%
                max-concurrent-crawls = 2
                log-level = info
                # sync-group is not set: any peer that can open the socket may sync
                # write-group is not set: only root and the daemon's user may write prompts
                fingerprint-key-file = /var/lib/assistant-mirror/mirror.db.key
                # retention is not set: history is kept forever
                max-delete-share = 50%
                request-timeout = 2m
                max-response-size = 256MiB
                wal-checkpoints = daemon
                # metrics-file is not set: metrics only through the socket's metrics op
                # notify-exec is not set: no program is run on a prompt change
                notify-timeout = 30s

                [account "pt"]
                provider = puretalk
                api-key-file = /etc/assistant-mirror/keys/pt
                base-url = https://api.puretalk.ai/api
                interval = 5m
                # page-size is not set: the puretalk adapter's default
                max-pages = 1000
                max-delete-share = 50%
                write = off
                # notify-exec is not set: no program is run on a prompt change

                [account "inv"]
                provider = invent
                credential = invent-key
                base-url = https://api.useinvent.com
                interval = 5m
                # page-size is not set: the invent adapter's default
                max-pages = 1000
                max-delete-share = 50%
                write = off
                # notify-exec is not set: no program is run on a prompt change
                org = c

                [account "ia"]
                provider = interactly
                api-key-env = IA_KEY
                base-url = https://api-prod.interactly.ai
                interval = 5m
                # page-size is not set: the interactly adapter's default
                max-pages = 1000
                max-delete-share = 50%
                write = off
                # notify-exec is not set: no program is run on a prompt change
                # list-path is not set: the interactly adapter's default
                # page-parameter is not set: the interactly adapter's default
                # size-parameter is not set: the interactly adapter's default
                items-key = " padded "
                # total-key is not set: the interactly adapter's default

                """
        )
    }

    /// What `check-config` prints must read back as the same settings: rendering the re-parsed text
    /// gives the same text again.
    @Test func renderingReadsBackToTheSameSettings() throws {
        let source = "/tmp/mirror-render/config.ini"
        let original = try ConfigurationLoader.parse(ConfigurationLoaderTests.fullFile, sourcePath: source)
        let rendered = original.renderEffective()
        let reparsed = try ConfigurationLoader.parse(rendered, sourcePath: source)

        #expect(reparsed.renderEffective() == rendered)
        #expect(reparsed.database == original.database)
        #expect(reparsed.interval == original.interval)
        #expect(reparsed.jitter == original.jitter)
        #expect(reparsed.retention == original.retention)
        #expect(reparsed.walCheckpoints == original.walCheckpoints)
        #expect(reparsed.accounts.map(\.name) == original.accounts.map(\.name))
        #expect(reparsed.accounts.map(\.secret) == original.accounts.map(\.secret))
        #expect(reparsed.accounts.map(\.effectiveBaseURL) == original.accounts.map(\.effectiveBaseURL))
        #expect(reparsed.accounts.map(\.org) == original.accounts.map(\.org))
        #expect(reparsed.accounts.map(\.sizeParameter) == original.accounts.map(\.sizeParameter))
    }

    @Test(arguments: [(0.07, "7%"), (0.125, "12.5%"), (1.0, "100%"), (0.000001, "0.0001%"), (0.0, "0%")])
    func sharesPrintAsWritten(share: Double, expected: String) throws {
        #expect(ShareText.format(share) == expected)
        #expect(ShareText.parse(expected) == share)
    }

    /// Found by the `config` fuzz target's render-and-reload invariant: a share with digits below a millionth of a percent lost them
    /// in `check-config`'s rendering, and one below 0.0001% rendered as `1e-06%`, which the loader refuses.
    @Test(arguments: [0.123456789, 0.00000001, 1.0 / 3.0, 1e-300, 0.5 - 1e-17])
    func everyShareRendersAsTextThatReadsBackExactly(share: Double) throws {
        let text = ShareText.format(share)
        #expect(ShareText.parse(text) == share, "\(share) renders as \(text)")
    }

    @Test func preciseSharesSurviveRenderingAndReloading() throws {
        let text = "[mirror]\njitter = 0.123456789\nmax-delete-share = 0.00000001\n"
        let original = try ConfigurationLoader.parse(text, sourcePath: "/etc/assistant-mirror/config.ini")
        let reloaded = try ConfigurationLoader.parse(
            original.renderEffective(),
            sourcePath: "/etc/assistant-mirror/config.ini"
        )
        #expect(reloaded.jitter == 0.123456789)
        #expect(reloaded.maxDeleteShare == 0.00000001)
    }

    /// The canary key is reachable through every kind of source, yet appears in no rendering and no error.
    @Test func canaryKeyNeverAppears() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        try directory.write("keys/pt", Self.canary + "\n")
        try directory.write("credentials/inv", Self.canary)
        let path = try directory.write(
            "config.ini",
            """
            [account "pt"]
            provider = puretalk
            api-key-file = keys/pt
            [account "inv"]
            provider = invent
            credential = inv
            [account "tx"]
            provider = telnyx
            api-key-env = TX_KEY
            """
        )
        let configuration = try ConfigurationLoader.load(path: path)
        let loader = SecretLoader(environment: [
            "TX_KEY": Self.canary, "CREDENTIALS_DIRECTORY": directory.path + "/credentials",
        ])
        for account in configuration.accounts {
            #expect(try loader.load(account.secret).reveal() == Self.canary)
        }

        let rendered = configuration.renderEffective()
        #expect(!rendered.contains("CANARY"))
        #expect(!String(reflecting: configuration).contains("CANARY"))

        // The key pasted where it does not belong: no error may quote it.
        let misplacements = [
            "base-url = https://user:\(Self.canary)@api.telnyx.com/v2",
            "base-url = https://api.telnyx.com/v2?key=\(Self.canary)",
            "base-url = http://\(Self.canary).example.com/",
            "base-url = \(Self.canary)",
            "api-key-env = \(Self.canary)",
            "credential = \(Self.canary)/x",
            "api-key-file = ~\(Self.canary)",
            "api-key-env = \"\(Self.canary)",
        ]
        for line in misplacements {
            let text = "[account \"tx\"]\nprovider = telnyx\n\(line)\n"
            let error = try #require(throws: ConfigError.self) {
                try ConfigurationLoader.parse(text, sourcePath: path)
            }
            #expect(error.line == 3)
            #expect(!error.description.contains("CANARY"), "\(line)")
            #expect(!String(reflecting: error).contains("CANARY"), "\(line)")
        }
    }
}
