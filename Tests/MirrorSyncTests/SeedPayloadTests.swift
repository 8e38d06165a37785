import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import MirrorSync
import Testing

/// The adapters and the normalizer against the providers' own documented examples (SeedFixtures),
/// served over loopback HTTP exactly as the documents show them.
@Suite struct SeedPayloadTests {
    static func serve() throws -> HTTPServer {
        let server = try HTTPServer { request in
            switch request.path {
            case "/api/ai-assistants" where request.query["page"] == "2":
                // The example's `next` points here; its `count` (100) is a placeholder, so page 2 ends the list.
                let last =
                    #"{"count": 1, "next": null, "previous": "https://api.puretalk.ai/api/ai-assistants/?page=1", "results": []}"#
                return HTTPResponse(status: 200, body: Data(last.utf8))
            case "/api/ai-assistants": return HTTPResponse(status: 200, body: Data(SeedFixtures.pureTalkList.utf8))
            case "/api/ai-assistants/123e4567-e89b-12d3-a456-426614174000":
                return HTTPResponse(status: 200, body: Data(SeedFixtures.pureTalkOne.utf8))
            case "/orgs/c/assistants":
                return HTTPResponse(
                    status: 200,
                    headers: [("pagination-count", "1")],
                    body: Data(("[" + SeedFixtures.inventAssistant + "]").utf8)
                )
            case "/v2/ai/assistants":
                return HTTPResponse(
                    status: 200,
                    body: Data(("{\"data\": [" + SeedFixtures.telnyxAssistant + "]}").utf8)
                )
            case "/assistants/v1/assistants":
                return HTTPResponse(
                    status: 200,
                    body: Data(("{\"totalCount\": 1, \"assistants\": [" + SeedFixtures.interactlyAssistant + "]}").utf8)
                )
            default: return HTTPResponse(status: 404, body: Data(#"{"msg":"not found"}"#.utf8))
            }
        }
        server.start()
        return server
    }

    static func account(_ provider: ProviderKind, server: HTTPServer) -> AccountConfiguration {
        let root = server.baseURL.absoluteString
        let base =
            switch provider {
            case .puretalk: root + "/api"
            case .telnyx: root + "/v2"
            default: root
            }
        return AccountConfiguration(
            name: "seed-\(provider.rawValue)",
            provider: provider,
            secret: .environment(name: "UNUSED"),
            baseURL: URL(string: base)!,
            org: provider == .invent ? "c" : nil
        )
    }

    @Test func pureTalkListExampleDecodesAndNormalizes() async throws {
        let server = try Self.serve()
        defer { server.stop() }
        let fixture = try SyncFixture()
        let outcome = await fixture.crawl(Self.account(.puretalk, server: server), apiKey: "seed-key")
        #expect(outcome.status == .ok && outcome.progress.pages == 2)
        // The placeholder count disagrees with what the pages held: worth a warning, not a failure.
        #expect(outcome.warnings.contains { $0.contains("count says") })
        let row = try #require(try fixture.rows("SELECT * FROM assistants_current").first)
        #expect(row["remote_id"] == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(row["name"] == "<string>" && row["prompt"] == "<string>" && row["model"] == "<string>")
        #expect(row["provider_updated_at"] == "2023-11-07T05:31:56.000Z")
        let revision = try #require(try fixture.rows("SELECT * FROM assistant_revisions").first)
        #expect(revision["actor_hint"]?.stringValue?.hasPrefix("owner ") == true)
        #expect(revision["changed_by"] == .null)
    }

    @Test func pureTalkGetOneExampleConfirmsPresence() async throws {
        let server = try Self.serve()
        defer { server.stop() }
        let provider = DescribedProvider(
            account: Self.account(.puretalk, server: server),
            apiKey: Secret("k"),
            http: HTTPClient(logger: .silent())
        )
        guard case .found(let record) = try await provider.fetchOne(remoteID: "123e4567-e89b-12d3-a456-426614174000")
        else {
            Issue.record("GET-one of the documented assistant should find it")
            return
        }
        #expect(record.raw["prompt"] == "Hello, how are you?")
        #expect(try await provider.fetchOne(remoteID: "no-such-assistant") == .notFound)
    }

    @Test func inventExampleDecodesNormalizesAndRedacts() async throws {
        let server = try Self.serve()
        defer { server.stop() }
        let fixture = try SyncFixture()
        #expect(await fixture.crawl(Self.account(.invent, server: server), apiKey: "seed-key").status == .ok)
        let row = try #require(
            try fixture.rows(
                "SELECT a.*, s.snapshot FROM assistants_current a JOIN revisions s USING (assistant_id, revision)"
            ).first
        )
        #expect(row["remote_id"] == "<string>" && row["prompt"] == "<string>")
        #expect(row["provider_updated_at"] == "2023-12-25T00:00:00.000Z")
        let snapshot = try JSONParser.parse(try #require(row["snapshot"]?.stringValue))
        #expect(snapshot["secret_key"]?.stringValue?.hasPrefix("[redacted:hmac-sha256:") == true)
        #expect(snapshot.value(atPath: "config.instructions") == "<string>")
    }

    @Test func telnyxExampleDecodesNormalizesAndRedactsHeaderValues() async throws {
        let server = try Self.serve()
        defer { server.stop() }
        let fixture = try SyncFixture()
        #expect(await fixture.crawl(Self.account(.telnyx, server: server), apiKey: "seed-key").status == .ok)
        let row = try #require(
            try fixture.rows(
                "SELECT a.*, s.snapshot FROM assistants_current a JOIN revisions s USING (assistant_id, revision)"
            ).first
        )
        #expect(row["prompt"] == "string" && row["greeting"] == "string" && row["provider_updated_at"] == .null)
        let snapshot = try JSONParser.parse(try #require(row["snapshot"]?.stringValue))
        let webhook = try #require(snapshot["tools"]?.arrayValue?.first { $0["type"] == "webhook" })
        let header = try #require(webhook.value(atPath: "webhook.headers")?.arrayValue?.first)
        #expect(header["name"] == "string")
        #expect(header["value"]?.stringValue?.hasPrefix("[redacted:hmac-sha256:") == true)
        // An identifier of an integration secret is not a secret.
        #expect(snapshot["llm_api_key_ref"] == "string")
    }

    @Test func interactlyExampleDecodesNormalizesAndRedacts() async throws {
        let server = try Self.serve()
        defer { server.stop() }
        let fixture = try SyncFixture()
        #expect(await fixture.crawl(Self.account(.interactly, server: server), apiKey: "seed-key").status == .ok)
        let row = try #require(try fixture.rows("SELECT * FROM assistants_current").first)
        #expect(row["remote_id"] == "5f7b1b1b1b1b1b1b1b1b1b1b")
        #expect(row["prompt"] == "You are AI assistant to help patients with their health care needs.")
        #expect(row["model"] == "gpt-4o-mini" && row["greeting"] == "Hello! How can I help you?")
        #expect(row["provider_updated_at"] == "2020-10-05T00:00:00.000Z")
        let revision = try #require(try fixture.rows("SELECT actor_hint FROM assistant_revisions").first)
        #expect(revision["actor_hint"] == "team 1f7b1b1b1b1b1b1b1b1b1b1b; account seed-interactly")
        #expect(try !fixture.databaseBytes().contains("my-secret"))
    }

    @Test func interactlyOverridesOfPathParametersAndEnvelopeWork() async throws {
        let shape = InteractlyShape(
            listPath: "/assistants/v2/list",
            pageParameter: "p",
            sizeParameter: "per_page",
            itemsKey: "items",
            totalKey: "total"
        )
        let fixture = try SyncFixture(
            options: .init(seed: 3, assistantsPerProvider: 5, includeHugePrompt: false, interactly: shape)
        )
        let plain = fixture.account(.interactly, pageSize: 2)
        #expect(await fixture.crawl(plain).status == .failed)
        let overridden = fixture.account(.interactly, pageSize: 2) { account in
            account.listPath = "/assistants/v2/list"
            account.pageParameter = "p"
            account.sizeParameter = "per_page"
            account.itemsKey = "items"
            account.totalKey = "total"
        }
        let outcome = await fixture.crawl(overridden)
        #expect(outcome.status == .ok && outcome.progress.seen == 5 && outcome.progress.pages == 3)
        #expect(
            fixture.simulator.requests.contains {
                $0.path.hasSuffix("/assistants/v2/list") && $0.query["per_page"] == "2"
            }
        )
    }
}
