import Foundation
import Testing

@testable import MirrorSimulator

@Suite("Interactly's switchable list shape")
struct InteractlyShapeTests {
    private func started(_ shape: InteractlyShape) throws -> (ProviderSimulator, SimulatorHTTP) {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: 23, includeHugePrompt: false, interactly: shape)
        )
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    private func shape(
        envelope: InteractlyShape.Envelope = .object,
        itemsKey: String = "assistants",
        totalKey: String = "totalCount",
        maximumSize: Int? = nil
    ) -> InteractlyShape {
        var shape = InteractlyShape.default
        shape.envelope = envelope
        shape.itemsKey = itemsKey
        shape.totalKey = totalKey
        shape.maximumSize = maximumSize
        return shape
    }

    @Test func bareArrayReplyCarriesOnlyTheItems() async throws {
        let (simulator, http) = try started(shape(envelope: .bareArray))
        defer { simulator.stop() }
        let page = try await http.get(.interactly, "/assistants/v1/assistants", query: [("page", "3"), ("size", "10")])
        #expect(page.status == 200)
        let items = try #require(page.array)
        #expect(SimulatorHTTP.ids(.interactly, items) == Array(simulator.assistantIDs(.interactly)[20...]))
    }

    @Test func nestedKeysHoldTheItemsAndTheTotal() async throws {
        let (simulator, http) = try started(shape(itemsKey: "data.assistants", totalKey: "data.totalCount"))
        defer { simulator.stop() }
        let page = try await http.get(.interactly, "/assistants/v1/assistants", query: [("size", "5")])
        #expect(page.object?.keys.sorted() == ["data"])
        let items = try #require(value(at: "data.assistants", in: page.object as Any) as? [Any])
        #expect(SimulatorHTTP.ids(.interactly, items) == Array(simulator.assistantIDs(.interactly).prefix(5)))
        #expect(value(at: "data.totalCount", in: page.object as Any) as? Int == 23)
    }

    @Test func serverSideCapShrinksEveryPageWhateverIsAsked() async throws {
        let (simulator, http) = try started(shape(maximumSize: 10))
        defer { simulator.stop() }
        let ids = simulator.assistantIDs(.interactly)
        let second = try await http.get(
            .interactly,
            "/assistants/v1/assistants",
            query: [("page", "2"), ("size", "50")]
        )
        #expect(SimulatorHTTP.ids(.interactly, second.object?["assistants"] as? [Any] ?? []) == Array(ids[10..<20]))
        #expect(second.object?["totalCount"] as? Int == 23)
        let small = try await http.get(.interactly, "/assistants/v1/assistants", query: [("size", "4")])
        #expect((small.object?["assistants"] as? [Any])?.count == 4)
    }

    @Test func theDefaultShapeIsUnchanged() {
        #expect(InteractlyShape.default.envelope == .object)
        #expect(InteractlyShape.default.maximumSize == nil)
        #expect(InteractlyShape.default.itemsKey == "assistants")
    }
}
