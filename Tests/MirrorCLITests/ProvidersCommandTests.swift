import Foundation
import MirrorCore
import Testing

/// `providers` prints the built-ins so a user can copy one, and `check-config` the descriptions in use.
@Suite struct ProvidersCommandTests {
    @Test func providersPrintsEveryBuiltInAsASectionTheLoaderReadsBack() async throws {
        let fixture = try CLIFixture()
        let run = try await fixture.run(["providers"])
        #expect(run.status == 0, "\(run.errorOutput)")
        let configuration = try ConfigurationLoader.parse(run.output, sourcePath: "copied.ini")
        #expect(configuration.providers == ProviderDescription.builtIns)
        #expect(run.output.contains("volatile = boards[*].initial_segment.contacts_count"))

        let json = try await fixture.run(["providers", "--json"])
        let parsed = try JSONParser.parse(Data(json.output.utf8))
        #expect(parsed["telnyx"]?["page-parameter"] == "page[number]")
        await #expect(try fixture.run(["providers", "--help"]).output.contains("[provider \"NAME\"]"))
    }

    @Test func checkConfigPrintsTheDescriptionOfEveryProviderInUse() async throws {
        let fixture = try CLIFixture()
        let run = try await fixture.run(["check-config", "--config", fixture.configurationPath])
        #expect(run.status == 0, "\(run.errorOutput)")
        for provider in ProviderKind.builtIns {
            #expect(run.output.contains("[provider \"\(provider.rawValue)\"]\nbase-url = "))
        }
    }
}
