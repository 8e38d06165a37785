import Foundation
import Testing

@testable import MirrorCore

@Suite struct ConfigurationLoaderTests {
    static let fullFile = """
        # assistant-mirror configuration
        ; both comment styles

        [mirror]
        database = data/mirror.db
        socket = /run/assistant-mirror/query.sock
        interval = 10m
        jitter = 25%
        max-concurrent-crawls = 4
        log-level = Debug
        sync-group = mirror-admins
        fingerprint-key-file = /etc/assistant-mirror/fingerprint.key
        retention = 400d
        max-delete-share = 0.3

        [account "puretalk-prod"]
        provider = puretalk
        api-key-file = keys/puretalk
        interval = 2m
        page-size = 100

        [account "support-bots"]
        provider = invent
        org = org_123
        api-key-env = INVENT_KEY
        base-url = https://api.useinvent.com/
          max-pages = 50

        [account "telnyx.main"]
        provider = TELNYX
        credential = telnyx-main
        max-delete-share = 100%
        base-url = http://127.0.0.1:8080/v2

        [account "voice_bots-2"]
        provider = interactly
        api-key-env = INTERACTLY_KEY
        list-path = /assistants/v1/assistants
        page-parameter = page
        size-parameter = page[size]
        items-key = "assistants"
        total-key = totalCount
        """

    @Test func fullFileLoadsEveryValue() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("etc/config.ini", Self.fullFile)
        let etc = directory.path + "/etc"

        let configuration = try ConfigurationLoader.load(path: path)

        #expect(configuration.sourcePath == path)
        #expect(configuration.database == etc + "/data/mirror.db")
        #expect(configuration.socket == "/run/assistant-mirror/query.sock")
        #expect(configuration.interval == .seconds(600))
        #expect(configuration.jitter == 0.25)
        #expect(configuration.maxConcurrentCrawls == 4)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.syncGroup == "mirror-admins")
        #expect(configuration.fingerprintKeyFile == "/etc/assistant-mirror/fingerprint.key")
        #expect(configuration.retention == .seconds(400 * 86_400))
        #expect(configuration.maxDeleteShare == 0.3)
        #expect(configuration.accounts.map(\.name) == ["puretalk-prod", "support-bots", "telnyx.main", "voice_bots-2"])

        let puretalk = try #require(configuration.account(named: "puretalk-prod"))
        #expect(
            puretalk
                == AccountConfiguration(
                    name: "puretalk-prod",
                    provider: .puretalk,
                    secret: .file(path: etc + "/keys/puretalk"),
                    interval: .seconds(120),
                    pageSize: 100,
                    line: 16
                )
        )
        let invent = try #require(configuration.account(named: "support-bots"))
        #expect(
            invent
                == AccountConfiguration(
                    name: "support-bots",
                    provider: .invent,
                    secret: .environment(name: "INVENT_KEY"),
                    baseURL: URL(string: "https://api.useinvent.com"),
                    maxPages: 50,
                    org: "org_123",
                    line: 22
                )
        )
        let telnyx = try #require(configuration.account(named: "telnyx.main"))
        #expect(
            telnyx
                == AccountConfiguration(
                    name: "telnyx.main",
                    provider: .telnyx,
                    secret: .credential(name: "telnyx-main"),
                    baseURL: URL(string: "http://127.0.0.1:8080/v2"),
                    maxDeleteShare: 1,
                    line: 29
                )
        )
        let interactly = try #require(configuration.account(named: "voice_bots-2"))
        #expect(
            interactly
                == AccountConfiguration(
                    name: "voice_bots-2",
                    provider: .interactly,
                    secret: .environment(name: "INTERACTLY_KEY"),
                    listPath: "/assistants/v1/assistants",
                    pageParameter: "page",
                    sizeParameter: "page[size]",
                    itemsKey: "assistants",
                    totalKey: "totalCount",
                    line: 35
                )
        )
    }

    @Test func walCheckpointsNamesWhoCheckpoints() throws {
        let text = "[mirror]\nwal-checkpoints = Litestream\n"
        #expect(try ConfigurationLoader.parse(text, sourcePath: "/tmp/c.ini").walCheckpoints == .litestream)
        #expect(try ConfigurationLoader.parse("", sourcePath: "/tmp/c.ini").walCheckpoints == .daemon)
    }

    @Test func writesAreOffUnlessSwitchedOnAndTheGroupsAreRead() throws {
        let text = """
            [mirror]
            write-group = prompt-editors

            [account "a"]
            provider = telnyx
            api-key-env = A_KEY

            [account "b"]
            provider = telnyx
            api-key-env = B_KEY
            write = on
            write-group = b-editors
            """
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/tmp/c.ini")
        #expect(configuration.writeGroup == "prompt-editors")
        #expect(configuration.accounts.map(\.write) == [false, true])
        #expect(configuration.accounts.map(\.writeGroup) == [nil, "b-editors"])
        let error = try #require(throws: ConfigError.self) {
            try ConfigurationLoader.parse(
                text.replacingOccurrences(of: "write = on", with: "write = yes"),
                sourcePath: "/tmp/c.ini"
            )
        }
        #expect(error.description.contains("write"))
        #expect(error.description.contains("on") && error.description.contains("off"))
    }

    @Test func emptyFileGivesTheDefaultsAndNoAccounts() throws {
        let configuration = try ConfigurationLoader.parse("", sourcePath: "/etc/assistant-mirror/config.ini")
        #expect(
            configuration
                == MirrorConfiguration(
                    sourcePath: "/etc/assistant-mirror/config.ini",
                    database: "/var/lib/assistant-mirror/mirror.db",
                    socket: "/run/assistant-mirror.sock",
                    interval: .seconds(300),
                    jitter: 0.1,
                    maxConcurrentCrawls: 2,
                    logLevel: .info,
                    maxDeleteShare: 0.5,
                    accounts: []
                )
        )
        #expect(configuration.effectiveFingerprintKeyFile == "/var/lib/assistant-mirror/mirror.db.key")
    }

    @Test func accountDefaultsApplyWithoutAMirrorSection() throws {
        let configuration = try ConfigurationLoader.parse(
            "[account \"a\"]\nprovider = invent\napi-key-env = K\n",
            sourcePath: "/etc/am/config.ini"
        )
        let account = try #require(configuration.accounts.first)
        #expect(account.maxPages == 1000)
        #expect(account.org == "c")
        #expect(account.interval == nil)
        #expect(account.baseURL == nil)
        #expect(account.effectiveBaseURL == URL(string: "https://api.useinvent.com"))
        #expect(account.line == 1)
    }

    @Test func relativePathsResolveAgainstTheConfigDirectory() throws {
        let text = """
            [mirror]
            database = ./state//mirror.db
            socket = ../run/query.sock
            fingerprint-key-file = fp.key
            [account "a"]
            provider = telnyx
            api-key-file = keys/./telnyx
            """
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/etc/assistant-mirror/config.ini")
        #expect(configuration.database == "/etc/assistant-mirror/state/mirror.db")
        #expect(configuration.socket == "/etc/assistant-mirror/../run/query.sock")
        #expect(configuration.fingerprintKeyFile == "/etc/assistant-mirror/fp.key")
        #expect(configuration.accounts.first?.secret == .file(path: "/etc/assistant-mirror/keys/telnyx"))
    }

    @Test func relativeSourcePathIsTakenFromTheCurrentDirectory() throws {
        let configuration = try ConfigurationLoader.parse("[mirror]\ndatabase = m.db\n", sourcePath: "conf/config.ini")
        let expected = FileManager.default.currentDirectoryPath + "/conf/m.db"
        #expect(configuration.database == expected.replacingOccurrences(of: "//", with: "/"))
    }

    @Test func absolutePathsAreKept() throws {
        let configuration = try ConfigurationLoader.parse(
            "[mirror]\ndatabase = /srv/mirror.db\n",
            sourcePath: "/etc/am/config.ini"
        )
        #expect(configuration.database == "/srv/mirror.db")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.45.6.7/api/", "http://127.45.6.7/api"),
        ("http://[::1]:9000/v2//", "http://[::1]:9000/v2"),
        ("http://localhost:1/", "http://localhost:1"),
        ("HTTP://LocalHost/x", "HTTP://LocalHost/x"),
        ("https://api.example.com/v2/", "https://api.example.com/v2"),
        ("https://10.0.0.1:8443", "https://10.0.0.1:8443"),
    ])
    func baseURLAcceptsHTTPSAndLoopbackHTTP(value: String, expected: String) throws {
        let text = "[account \"a\"]\nprovider = telnyx\napi-key-env = K\nbase-url = \(value)\n"
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/etc/am/config.ini")
        #expect(configuration.accounts.first?.baseURL?.absoluteString == expected)
    }

    @Test(arguments: [
        ("http://api.example.com/v2", "loopback host (127.0.0.0/8, ::1, localhost); use https://"),
        ("http://10.0.0.1", "loopback"),
        ("http://127.0.0.1.example.com", "loopback"),
        ("http://[::2]/", "loopback"),
        ("http://128.0.0.1", "loopback"),
        ("ftp://example.com", "neither https nor http"),
        ("api.example.com/v2", "absolute URL"),
        ("https:///path", "absolute URL"),
        ("https://user:pw@api.example.com", "user name or password"),
        ("https://api.example.com/v2?x=1", "query or fragment"),
        ("https://api.example.com/v2#top", "query or fragment"),
        ("https://api.example.com/a b", "absolute URL"),
    ])
    func baseURLRefusals(value: String, mention: String) throws {
        let text = "[account \"a\"]\nprovider = telnyx\napi-key-env = K\nbase-url = \(value)\n"
        let error = try #require(throws: ConfigError.self) {
            try ConfigurationLoader.parse(text, sourcePath: "/etc/am/config.ini")
        }
        #expect(error.line == 4)
        #expect(error.key == "base-url")
        #expect(error.description.hasPrefix("/etc/am/config.ini:4: base-url: "))
        #expect(error.description.contains(mention))
        #expect(!error.description.contains(value))
    }

    @Test func syntaxDetails() throws {
        let text =
            "\u{FEFF}; BOM, CRLF, indented comments and quotes\r\n"
            + "   # indented comment\r\n"
            + "[ mirror ]\r\n"
            + "database = \"/srv/with spaces/m.db\"\r\n"
            + "\tsocket\t=\t/run/x # not a comment\r\n"
            + "[account   \"a\"]\n"
            + "provider=interactly\n"
            + "api-key-env=K\n"
            + "items-key = \"  a=b \"\n"
            + "total-key = \"\"\"\n"
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/etc/am/config.ini")
        #expect(configuration.database == "/srv/with spaces/m.db")
        #expect(configuration.socket == "/run/x # not a comment")
        #expect(configuration.accounts.first?.itemsKey == "  a=b ")
        #expect(configuration.accounts.first?.totalKey == "\"")
        #expect(configuration.accounts.first?.line == 6)
    }

    @Test(arguments: [("10%", 0.1), ("0.1", 0.1), ("0", 0.0), ("50%", 0.5), ("12.5%", 0.125), (".2", 0.2)])
    func jitterNotations(value: String, expected: Double) throws {
        let configuration = try ConfigurationLoader.parse("[mirror]\njitter = \(value)\n", sourcePath: "/c.ini")
        #expect(configuration.jitter == expected)
    }

    @Test(arguments: [
        ("1KiB", 1024), ("65536", 65536), ("512KiB", 524_288), ("256MiB", 268_435_456), ("2GiB", 1 << 31),
    ])
    func responseSizeNotations(value: String, expected: Int) throws {
        let text = "[mirror]\nmax-response-size = \(value)\nrequest-timeout = 45s\n"
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/c.ini")
        #expect(configuration.maxResponseSize == expected)
        #expect(configuration.requestTimeout == .seconds(45))
        #expect(ByteSizeText.parse(ByteSizeText.format(expected)) == expected)
    }

    @Test func requestLimitsDefaultToTwoMinutesAnd256MiB() throws {
        let configuration = try ConfigurationLoader.parse("", sourcePath: "/c.ini")
        #expect(configuration.requestTimeout == .seconds(120))
        #expect(configuration.maxResponseSize == 256 * 1024 * 1024)
    }

    @Test(arguments: [Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical])
    func everyLogLevelIsAccepted(level: Logger.Level) throws {
        let configuration = try ConfigurationLoader.parse(
            "[mirror]\nlog-level = \(level.rawValue)\n",
            sourcePath: "/c.ini"
        )
        #expect(configuration.logLevel == level)
    }

    @Test func boundaryValuesAreAccepted() throws {
        let text = """
            [mirror]
            max-concurrent-crawls = 16
            jitter = 0.5
            max-delete-share = 1
            [account "x"]
            provider = puretalk
            api-key-env = K
            page-size = 1000
            max-pages = 100000
            max-delete-share = 0.01%
            """
        let configuration = try ConfigurationLoader.parse(text, sourcePath: "/c.ini")
        #expect(configuration.maxConcurrentCrawls == 16)
        #expect(configuration.jitter == 0.5)
        #expect(configuration.maxDeleteShare == 1)
        #expect(configuration.accounts.first?.pageSize == 1000)
        #expect(configuration.accounts.first?.maxPages == 100_000)
        #expect(configuration.accounts.first?.maxDeleteShare == 0.0001)
    }

    @Test func longestAccountNameIsAccepted() throws {
        let name = String(repeating: "n", count: 64)
        let configuration = try ConfigurationLoader.parse(
            "[account \"\(name)\"]\nprovider = puretalk\ncredential = key\n",
            sourcePath: "/c.ini"
        )
        #expect(configuration.accounts.first?.name == name)
    }
}
