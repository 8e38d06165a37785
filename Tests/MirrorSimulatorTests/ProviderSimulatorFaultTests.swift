import Foundation
import Testing

@testable import MirrorSimulator

@Suite("ProviderSimulator faults")
struct ProviderSimulatorFaultTests {
    private func started() throws -> (ProviderSimulator, SimulatorHTTP) {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: 12, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    private func firstPage(_ http: SimulatorHTTP, _ provider: SimulatedProvider) async throws -> Fetched {
        try await http.get(provider, http.listPath(provider))
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func statusFaultUsesTheProviderErrorBodyAndIsConsumed(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.status(503, retryAfter: "7"), provider: provider)
        let failed = try await firstPage(http, provider)
        #expect(failed.status == 503)
        #expect(failed.headers["retry-after"] == "7")
        #expect(failed.object != nil)
        #expect(try await firstPage(http, provider).status == 200)
    }

    @Test func faultFiresOnlyOnItsPageAndTheGivenNumberOfTimes() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.status(500), provider: .invent, page: 2, times: 2)
        let query: (Int) -> [(String, String)] = { [("page", "\($0)"), ("take", "5")] }
        #expect(try await http.get(.invent, "/orgs/c/assistants", query: query(1)).status == 200)
        #expect(try await http.get(.invent, "/orgs/c/assistants", query: query(2)).status == 500)
        #expect(try await http.get(.invent, "/orgs/c/assistants", query: query(3)).status == 200)
        #expect(try await http.get(.invent, "/orgs/c/assistants", query: query(2)).status == 500)
        #expect(try await http.get(.invent, "/orgs/c/assistants", query: query(2)).status == 200)
        #expect(try await firstPage(http, .puretalk).status == 200)  // other providers untouched
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func malformedJSONIsA200ThatDoesNotParse(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.malformedJSON, provider: provider)
        let page = try await firstPage(http, provider)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "application/json")
        #expect(!page.body.isEmpty)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: page.body) }
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func wrongTypesKeepTheEnvelopeButBreakTheItems(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.wrongTypes, provider: provider)
        let page = try await firstPage(http, provider)
        #expect(page.status == 200)
        let items = try #require(SimulatorHTTP.items(provider, page))
        #expect(items.count == 3)
        #expect(items[0] is Int)
        #expect(items[1] is String)
        #expect((items[2] as? [String: Any])?[SimulatorHTTP.idKey(provider)] as? Int == 12345)
    }

    @Test func html200IsAnHTMLPage() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.html200, provider: .telnyx)
        let page = try await firstPage(http, .telnyx)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(String(decoding: page.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
    }

    @Test(arguments: [SimulatorFault.truncatedBody, .closeConnection])
    func brokenTransfersFailTheRequestOnce(fault: SimulatorFault) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(fault, provider: .interactly)
        await #expect(throws: (any Error).self) { _ = try await firstPage(http, .interactly) }
        #expect(try await firstPage(http, .interactly).status == 200)
    }

    @Test func truncatedBodyAnnouncesTheFullLength() throws {
        let (simulator, _) = try started()
        defer { simulator.stop() }
        simulator.inject(.truncatedBody, provider: .puretalk)
        let client = try LoopbackClient(port: simulator.port)
        try client.send(
            "GET /puretalk/api/ai-assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: sim-puretalk-key\r\n\r\n"
        )
        let raw = try client.readToEnd()
        let text = String(decoding: raw, as: UTF8.self)
        let headEnd = try #require(text.range(of: "\r\n\r\n"))
        let announced = text[..<headEnd.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        let received = raw.count - text[..<headEnd.upperBound].utf8.count
        #expect(announced != nil)
        #expect(received == announced! / 2)
    }

    @Test func loopingNextPointsPureTalkAtTheSamePage() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.loopingNext, provider: .puretalk, page: 2)
        let page = try await http.get(.puretalk, "/ai-assistants", query: [("page", "2"), ("limit", "5")])
        let root = simulator.baseURL(for: .puretalk).absoluteString
        #expect(page.object?["next"] as? String == "\(root)/ai-assistants/?limit=5&page=2")
        #expect(
            SimulatorHTTP.ids(.puretalk, page.object?["results"] as? [Any] ?? [])
                == Array(simulator.assistantIDs(.puretalk)[5..<10])
        )
    }

    @Test(arguments: [SimulatedProvider.invent, .telnyx, .interactly])
    func loopingNextRepeatsTheFirstPageElsewhere(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.loopingNext, provider: provider, page: 2)
        let query: [(String, String)] =
            switch provider {
            case .invent: [("page", "2"), ("take", "5")]
            case .telnyx: [("page[number]", "2"), ("page[size]", "5")]
            default: [("page", "2"), ("size", "5")]
            }
        let page = try await http.get(provider, http.listPath(provider), query: query)
        #expect(
            SimulatorHTTP.ids(provider, SimulatorHTTP.items(provider, page) ?? [])
                == Array(simulator.assistantIDs(provider).prefix(5))
        )
    }

    @Test func shiftBeforePageDeletesTheFirstAssistantSoItemsMoveUp() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let before = simulator.assistantIDs(.invent)
        simulator.inject(.shiftBeforePage, provider: .invent, page: 2)
        let first = try await http.get(.invent, "/orgs/c/assistants", query: [("page", "1"), ("take", "5")])
        #expect(SimulatorHTTP.ids(.invent, first.array ?? []) == Array(before[0..<5]))
        let second = try await http.get(.invent, "/orgs/c/assistants", query: [("page", "2"), ("take", "5")])
        #expect(SimulatorHTTP.ids(.invent, second.array ?? []) == Array(before[6..<11]))  // before[5] is skipped
        #expect(second.headers["pagination-count"] == "11")
        #expect(simulator.assistantIDs(.invent) == Array(before.dropFirst()))
        #expect(simulator.edits.last?.kind == .deleted)
        #expect(simulator.edits.last?.remoteID == before[0])
    }

    @Test func slowFaultStillDeliversThePage() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.slow(seconds: 0.02), provider: .telnyx)
        let page = try await firstPage(http, .telnyx)
        #expect(page.status == 200)
        #expect(SimulatorHTTP.ids(.telnyx, page.object?["data"] as? [Any] ?? []) == simulator.assistantIDs(.telnyx))
    }

    @Test func faultsDoNotTouchGetOne() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        simulator.inject(.status(500), provider: .puretalk)
        let id = simulator.assistantIDs(.puretalk)[0]
        #expect(try await http.get(.puretalk, "/ai-assistants/\(id)").status == 200)
        #expect(try await firstPage(http, .puretalk).status == 500)
    }
}
