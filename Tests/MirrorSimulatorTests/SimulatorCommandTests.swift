import Foundation
import Testing

@testable import MirrorSimulator

@Suite("SimulatorCommand")
struct SimulatorCommandTests {
    @Test func parsesListenAddresses() throws {
        #expect(try SimulatorCommand.parseListenAddress("127.0.0.1:8089") == ("127.0.0.1", 8089))
        #expect(try SimulatorCommand.parseListenAddress("127.0.0.2:0") == ("127.0.0.2", 0))
        for bad in ["", "8089", ":8089", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:http"] {
            #expect(throws: SimulatorCommand.Failure.invalidListenAddress(bad)) {
                try SimulatorCommand.parseListenAddress(bad)
            }
        }
    }

    @Test func refusesNonLoopbackAndBadCounts() async {
        #expect(throws: HTTPServerError.self) { try ProviderSimulator(host: "0.0.0.0") }
        await #expect(throws: SimulatorCommand.Failure.invalidAssistantCount(-1)) {
            try await SimulatorCommand.run(listen: "127.0.0.1:0", seed: 1, assistants: -1, editInterval: nil)
        }
        await #expect(throws: SimulatorCommand.Failure.invalidEditInterval(0)) {
            try await SimulatorCommand.run(listen: "127.0.0.1:0", seed: 1, assistants: 1, editInterval: 0)
        }
    }

    @Test func bannerListsURLsKeysAndAUsableConfiguration() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 1, includeHugePrompt: false))
        let banner = SimulatorCommand.banner(simulator, seed: 1, assistants: 1, editInterval: 5)
        for provider in SimulatedProvider.builtIn {
            #expect(banner.contains(simulator.baseURL(for: provider).absoluteString))
            #expect(banner.contains("sim-\(provider.rawValue)-key"))
            #expect(banner.contains("[account \"sim-\(provider.rawValue)\"]"))
            #expect(banner.contains("api-key-env = SIM_\(provider.rawValue.uppercased())_KEY"))
        }
        #expect(simulator.baseURL(for: .puretalk).absoluteString == "http://127.0.0.1:\(simulator.port)/puretalk/api")
        #expect(simulator.baseURL(for: .telnyx).absoluteString == "http://127.0.0.1:\(simulator.port)/telnyx/v2")

        let config = simulator.sampleConfiguration(database: "/tmp/x.db", socket: "/tmp/x.sock", interval: "10s")
        let lines = config.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == "[mirror]")
        #expect(lines.contains("database = /tmp/x.db"))
        #expect(lines.contains("org = c"))
        #expect(lines.filter { $0.hasPrefix("[account ") }.count == 4)
        // Every non-section line is `key = value`, as the INI format requires.
        #expect(lines.allSatisfy { $0.hasPrefix("[") || $0.contains(" = ") })
    }

    @Test func editsPrintAsOneLine() {
        let edit = SimulatedEdit(
            provider: .invent,
            remoteID: "ast_1",
            kind: .promptChanged,
            field: "actions[0].instructions",
            oldValue: "a\nb",
            newValue: String(repeating: "x", count: 500),
            bumpedUpdatedAt: false
        )
        #expect(!edit.description.contains("\n"))
        #expect(edit.description.contains("(500 bytes)"))
        #expect(edit.description.hasPrefix("invent ast_1 promptChanged actions[0].instructions"))
    }
}

extension SimulatorCommandTests {
    @Test func editLinesShowWhereLongTextsDiffer() {
        let prefix = String(repeating: "Shared opening line. ", count: 10)
        let edit = SimulatedEdit(
            provider: .puretalk,
            remoteID: "p1",
            kind: .promptChanged,
            field: "prompt",
            oldValue: prefix + "Old rule.",
            newValue: prefix + "New rule.",
            bumpedUpdatedAt: true
        )
        #expect(edit.description.contains("Old rule."))
        #expect(edit.description.contains("New rule."))
        #expect(edit.description.hasSuffix("(updated_at bumped)"))
    }
}
