import Foundation
import Testing

/// README's install sequence runs `check-config` from a shell, where systemd's $CREDENTIALS_DIRECTORY
/// does not exist: `credential = NAME` keys are checked from --credentials DIR or said to be unchecked,
/// never reported as unreadable.
@Suite struct CheckConfigCredentialsTests {
    private static func configuration(_ fixture: CLIFixture, accounts: Bool = true) throws -> String {
        let path = fixture.directory + "/credentials.ini"
        let account = """
            [account "prod"]
            provider = telnyx
            credential = prod-key
            """
        try "[mirror]\ndatabase = m.db\n\n\(accounts ? account : "")\n".write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        return path
    }

    @Test func outsideSystemdACredentialIsUncheckedNotUnreadable() async throws {
        let fixture = try CLIFixture()
        var environment = fixture.environment
        environment["CREDENTIALS_DIRECTORY"] = nil
        let run = try await fixture.run(
            ["check-config", "--config", try Self.configuration(fixture)],
            environment: environment
        )
        #expect(run.status == 0, "\(run.errorOutput)")
        #expect(run.errorOutput.contains("credential prod-key not checked"))
        #expect(run.errorOutput.contains("--credentials DIR"))
        #expect(run.errorOutput.contains("configuration OK: 1 account(s), 1 credential key(s) not checked"))
    }

    @Test func credentialsDirectoryChecksTheKeyForReal() async throws {
        let fixture = try CLIFixture()
        let keys = fixture.directory + "/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        var environment = fixture.environment
        environment["CREDENTIALS_DIRECTORY"] = nil
        let path = try Self.configuration(fixture)

        let missing = try await fixture.run(
            ["check-config", "--config", path, "--credentials", keys],
            environment: environment
        )
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("prod-key"), "\(missing.errorOutput)")

        try "the-key\n".write(toFile: keys + "/prod-key", atomically: true, encoding: .utf8)
        let present = try await fixture.run(
            ["check-config", "--config", path, "--credentials", keys],
            environment: environment
        )
        #expect(present.status == 0, "\(present.errorOutput)")
        #expect(present.errorOutput.contains("configuration OK: 1 account(s)"))
        #expect(!present.errorOutput.contains("not checked"))
        #expect(!present.output.contains("the-key") && !present.errorOutput.contains("the-key"))
    }

    @Test func aConfigurationWithoutAccountsFails() async throws {
        let fixture = try CLIFixture()
        let run = try await fixture.run(["check-config", "--config", try Self.configuration(fixture, accounts: false)])
        #expect(run.status == 1)
        #expect(run.errorOutput.contains("no [account \"NAME\"] section"))
    }
}
