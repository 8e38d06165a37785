import Foundation
import MirrorCore
import MirrorProviders
import Testing

/// Found while writing the `puretalk-page` fuzz target: a `next` link may name any page, and a last page after
/// page `Int.max` overflowed the count check, which trapped and took the daemon down.
@Suite struct PureTalkPagingTests {
    @Test func aLastPageAfterTheHighestPageNumberWarnsInsteadOfTrapping() async throws {
        let server = try ScriptedServer([
            .json([
                "count": 1, "next": "https://api.puretalk.ai/api/ai-assistants/?page=9223372036854775807",
                "results": [["assistant_id": "a"]],
            ]),
            .json(["count": 2, "next": NSNull(), "results": [["assistant_id": "b"]]]),
        ])
        defer { server.stop() }
        let account = AccountConfiguration(
            name: "pt",
            provider: .puretalk,
            secret: .environment(name: "PT_KEY"),
            baseURL: server.baseURL
        )
        let provider = DescribedProvider(account: account, apiKey: Secret("k"), http: HTTPClient(logger: .silent()))

        let first = try await provider.fetchPage(nil)
        #expect(first.next == .page(Int.max))
        let last = try await provider.fetchPage(first.next)
        #expect(last.next == nil)
        #expect(last.records.map(\.remoteID) == ["b"])
        #expect(
            last.warnings == [
                "count says 2 assistants but the pages held more than that; items may have moved during the crawl"
            ]
        )
    }
}
