import Foundation
import Testing

@testable import MirrorSimulator

@Suite("OpenAI-style API: cursor paging, record shape, opt-in")
struct OpenAIStyleAPITests {
    private func started(assistants: Int = 7) throws -> (ProviderSimulator, SimulatorHTTP) {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: assistants, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    private func list(_ http: SimulatorHTTP, _ query: [(String, String)]) async throws -> [String: Any] {
        let page = try await http.get(.openAIStyle, "/v1/assistants", query: query)
        try #require(page.status == 200)
        return try #require(page.object)
    }

    @Test func listIsAnObjectListNewestFirstWithCursorFields() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.openAIStyle)
        let first = try await list(http, [("limit", "3")])
        #expect(first["object"] as? String == "list")
        let data = try #require(first["data"] as? [[String: Any]])
        #expect(data.map { $0["id"] as? String } == Array(ids.reversed().prefix(3)))
        #expect(first["first_id"] as? String == ids[6])
        #expect(first["last_id"] as? String == ids[4])
        #expect(first["has_more"] as? Bool == true)

        let rest = try await list(http, [("limit", "3"), ("after", ids[4])])
        #expect((rest["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[3], ids[2], ids[1]])
        let last = try await list(http, [("limit", "3"), ("after", ids[1])])
        #expect((last["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]])
        #expect(last["has_more"] as? Bool == false)
        #expect(try await http.crawlByCursor(pageSize: 2).map { $0["id"] as? String } == ids)
    }

    @Test func defaultLimitIsTwentyAndAnEmptyListHasNullCursors() async throws {
        let (simulator, http) = try started(assistants: 25)
        defer { simulator.stop() }
        #expect((try await list(http, [])["data"] as? [Any])?.count == 20)
        simulator.removeAll(.openAIStyle)
        let empty = try await list(http, [])
        #expect((empty["data"] as? [Any])?.isEmpty == true)
        #expect(empty["first_id"] is NSNull && empty["last_id"] is NSNull)
        #expect(empty["has_more"] as? Bool == false)
    }

    @Test func recordsHaveUnixSecondsNoUpdatedAtAndASecretInMetadata() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 3, servesOpenAIStyle: true))
        for id in simulator.assistantIDs(.openAIStyle) {
            #expect(id.hasPrefix("asst_") && id.count == 29)
            let record = try #require(simulator.record(.openAIStyle, id: id))
            #expect(record["object"] as? String == "assistant")
            let created = try #require(record["created_at"] as? Int)
            #expect(
                abs(Double(created) - ProviderSimulator.Options.defaultClockStart.timeIntervalSince1970) < 40 * 86_400
            )
            #expect(record["updated_at"] == nil)
            #expect(record["instructions"] as? String == simulator.mainPrompt(.openAIStyle, id: id))
            #expect((value(at: "metadata.webhook_token", in: record) as? String)?.hasPrefix("whsec_") == true)
        }
    }

    @Test func cursorsSurviveDeletionsBetweenPagesAndNameDeletedAssistants() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.openAIStyle)
        let first = try await list(http, [("limit", "2"), ("order", "asc")])
        #expect(first["last_id"] as? String == ids[1])
        simulator.delete(.openAIStyle, id: ids[0])
        simulator.delete(.openAIStyle, id: ids[1])  // the cursor's own assistant
        let second = try await list(http, [("limit", "2"), ("order", "asc"), ("after", ids[1])])
        #expect((second["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[2], ids[3]])
    }

    @Test func badParametersAreRefusedInTheOpenAIErrorShape() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        for (query, param) in [
            ([("limit", "101")], "limit"), ([("limit", "zero")], "limit"), ([("order", "newest")], "order"),
        ] {
            let refused = try await http.get(.openAIStyle, "/v1/assistants", query: query)
            #expect(refused.status == 400)
            #expect(value(at: "error.type", in: refused.object as Any) as? String == "invalid_request_error")
            #expect(value(at: "error.param", in: refused.object as Any) as? String == param)
        }
        let unknownCursor = try await http.get(.openAIStyle, "/v1/assistants", query: [("after", "asst_nope")])
        #expect(unknownCursor.status == 400)
        #expect((value(at: "error.message", in: unknownCursor.object as Any) as? String)?.contains("asst_nope") == true)
    }

    @Test func loopingNextRepeatsTheFirstPageAndSaysThereIsMore() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.openAIStyle)
        simulator.inject(.loopingNext, provider: .openAIStyle)
        let looped = try await list(http, [("limit", "2"), ("order", "asc"), ("after", ids[3])])
        #expect((looped["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0], ids[1]])
        #expect(looped["has_more"] as? Bool == true)
    }

    @Test func advanceEditsItLikeTheOthers() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 4, servesOpenAIStyle: true))
        let edits = (0..<40).flatMap { _ in simulator.advance() }
        let mine = edits.filter { $0.provider == .openAIStyle }
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { !$0.bumpedUpdatedAt })
        #expect(Set(mine.map(\.kind)).isSuperset(of: [.promptChanged, .created]))
    }

    @Test func itIsOptInAndNeverInTheSampleConfiguration() async throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 2, includeHugePrompt: false))
        simulator.start()
        defer { simulator.stop() }
        #expect(simulator.servedProviders == SimulatedProvider.builtIn)
        #expect(simulator.assistantIDs(.openAIStyle).isEmpty)
        let http = SimulatorHTTP(simulator: simulator)
        #expect(try await http.get(.openAIStyle, "/v1/assistants").status == 404)
        #expect(!simulator.sampleConfiguration().contains("openai"))
        let served = try ProviderSimulator(options: .init(assistantsPerProvider: 2, servesOpenAIStyle: true))
        #expect(!served.sampleConfiguration().contains("openai"))
        #expect(ProviderSimulator.apiKeyEnvironmentVariable(for: .openAIStyle) == "SIM_OPENAI_STYLE_KEY")
    }

    @Test func servingItLeavesTheBuiltInWorldsAsTheyWere() throws {
        let plain = try ProviderSimulator(options: .init(assistantsPerProvider: 5))
        let withFifth = try ProviderSimulator(options: .init(assistantsPerProvider: 5, servesOpenAIStyle: true))
        for provider in SimulatedProvider.builtIn {
            #expect(plain.assistantIDs(provider) == withFifth.assistantIDs(provider))
        }
    }
}
