import Foundation
import MirrorCore
import MirrorSimulator
import Testing

/// The commands that read a configuration file: `check-config` and `sync --config`.
@Suite struct ConfigCommandTests {
    @Test func checkConfigPrintsAValidConfigurationWithSecretsMasked() async throws {
        let fixture = try CLIFixture()
        let run = try await fixture.run(["check-config", "--config", fixture.configurationPath])
        #expect(run.status == 0, "\(run.errorOutput)")
        for provider in SimulatedProvider.builtIn {
            #expect(run.output.contains("sim-\(provider.rawValue)"))
            #expect(!run.output.contains(fixture.simulator.apiKeys[provider]!))
            #expect(!run.errorOutput.contains(fixture.simulator.apiKeys[provider]!))
        }
        #expect(run.errorOutput.contains("configuration OK: 4 account(s)"))
    }

    @Test func checkConfigNamesFileAndLineOfAnError() async throws {
        let fixture = try CLIFixture()
        let path = fixture.directory + "/bad.ini"
        try "[mirror]\n# a comment\ndatabase = m.db\ncolour = blue\n".write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        let run = try await fixture.run(["check-config", "--config", path])
        #expect(run.status == 3)
        #expect(run.errorOutput.contains("bad.ini:4"), "\(run.errorOutput)")
        #expect(run.errorOutput.contains("colour"))

        let missing = try await fixture.run(["check-config", "--config", fixture.directory + "/absent.ini"])
        #expect(missing.status == 3)
        #expect(missing.errorOutput.contains("absent.ini"))
        await #expect(try fixture.run(["check-config"]).status == 2)
    }

    @Test func checkConfigWithAnUnreadableKeyExitsOne() async throws {
        let fixture = try CLIFixture()
        var environment = fixture.environment
        environment[ProviderSimulator.apiKeyEnvironmentVariable(for: .invent)] = nil
        let run = try await fixture.run(
            ["check-config", "--config", fixture.configurationPath],
            environment: environment
        )
        #expect(run.status == 1)
        #expect(run.errorOutput.contains("sim-invent"))
    }

    @Test func syncMirrorsTheSimulatorAndReportsOutcomes() async throws {
        let fixture = try CLIFixture()
        let table = try await fixture.run(["sync", "--config", fixture.configurationPath])
        #expect(table.status == 0, "\(table.errorOutput)")
        #expect(table.output.contains("ACCOUNT") && table.output.contains("sim-telnyx"))

        fixture.simulator.editPrompt(
            .invent,
            id: fixture.simulator.assistantIDs(.invent)[0],
            to: "Edited for the sync test."
        )
        let json = try await fixture.run([
            "sync", "--json", "--config", fixture.configurationPath, "--account", "sim-invent",
        ])
        .json()
        let outcomes = try #require(json.arrayValue)
        #expect(outcomes.map { $0["account"] } == ["sim-invent"])
        #expect(outcomes.first?["status"] == "ok")
        #expect(outcomes.first?["updated"] == 1)
        #expect(outcomes.first?["created"] == 0)

        let unknown = try await fixture.run(["sync", "--config", fixture.configurationPath, "--account", "sim-nothing"])
        #expect(unknown.status == 2)
    }

    @Test func syncExitsOneWhenAnAccountFails() async throws {
        let fixture = try CLIFixture()
        var environment = fixture.environment
        environment[ProviderSimulator.apiKeyEnvironmentVariable(for: .telnyx)] = "wrong-telnyx-key"
        let run = try await fixture.run(
            ["sync", "--json", "--config", fixture.configurationPath],
            environment: environment
        )
        #expect(run.status == 1)
        let outcomes = try run.json().arrayValue ?? []
        let telnyx = try #require(outcomes.first { $0["account"] == "sim-telnyx" })
        #expect(telnyx["status"] != "ok")
        #expect(outcomes.filter { $0["status"] == "ok" }.count == 3)
        #expect(!run.output.contains("wrong-telnyx-key") && !run.errorOutput.contains("wrong-telnyx-key"))
    }
}
