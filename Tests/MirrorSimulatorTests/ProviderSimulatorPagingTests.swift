import Foundation
import Testing

@testable import MirrorSimulator

@Suite("ProviderSimulator paging, auth and GET-one")
struct ProviderSimulatorPagingTests {
    private func started(
        _ options: ProviderSimulator.Options = .init(
            assistantsPerProvider: 23,
            includeHugePrompt: false,
            servesOpenAIStyle: true
        )
    )
        throws -> (ProviderSimulator, SimulatorHTTP)
    {
        let simulator = try ProviderSimulator(options: options)
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    @Test func pureTalkPagesWithDjangoStyleLinksThatKeepLimit() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let expected = simulator.assistantIDs(.puretalk)
        #expect(expected.count == 23)
        let root = simulator.baseURL(for: .puretalk).absoluteString

        let first = try await http.get(.puretalk, "/ai-assistants", query: [("page", "1"), ("limit", "10")])
        #expect(first.status == 200)
        #expect(first.object?["count"] as? Int == 23)
        #expect(first.object?["previous"] is NSNull)
        #expect(first.object?["next"] as? String == "\(root)/ai-assistants/?limit=10&page=2")

        var collected: [String] = []
        var url: URL? = URL(string: "\(root)/ai-assistants?limit=10")
        var pages: [Fetched] = []
        while let next = url {
            let page = try await http.get(next, provider: .puretalk)
            #expect(page.status == 200)
            pages.append(page)
            collected += SimulatorHTTP.ids(.puretalk, page.object?["results"] as? [Any] ?? [])
            url = (page.object?["next"] as? String).flatMap(URL.init(string:))
        }
        #expect(collected == expected)
        #expect(pages.map { ($0.object?["results"] as? [Any])?.count } == [10, 10, 3])
        #expect(pages[1].object?["previous"] as? String == "\(root)/ai-assistants/?limit=10")
        #expect(pages[2].object?["previous"] as? String == "\(root)/ai-assistants/?limit=10&page=2")
        #expect(pages[2].object?["next"] is NSNull)
    }

    @Test func pureTalkDefaultsCapsAndRefusesPagesPastTheEnd() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let defaults = try await http.get(.puretalk, "/ai-assistants")
        #expect((defaults.object?["results"] as? [Any])?.count == PureTalkAPI.defaultLimit)

        let capped = try await http.get(.puretalk, "/ai-assistants", query: [("limit", "500")])
        #expect((capped.object?["results"] as? [Any])?.count == 23)
        #expect(capped.object?["next"] is NSNull)

        let past = try await http.get(.puretalk, "/ai-assistants", query: [("page", "4"), ("limit", "10")])
        #expect(past.status == 404)
        #expect(past.object?["err"] as? Bool == true)
        let garbage = try await http.get(.puretalk, "/ai-assistants", query: [("page", "two")])
        #expect(garbage.status == 404)
    }

    @Test func inventPagesABareArrayWithPaginationHeaders() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let page3 = try await http.get(.invent, "/orgs/c/assistants", query: [("page", "3"), ("take", "10")])
        #expect(page3.status == 200)
        #expect(page3.array?.count == 3)
        #expect(page3.headers["pagination-count"] == "23")
        #expect(page3.headers["pagination-page"] == "3")
        #expect(page3.headers["pagination-take"] == "10")
        #expect(SimulatorHTTP.ids(.invent, page3.array ?? []) == Array(simulator.assistantIDs(.invent).suffix(3)))

        let single = try await http.get(.invent, "/orgs/c/assistants")
        #expect(SimulatorHTTP.ids(.invent, single.array ?? []) == simulator.assistantIDs(.invent))
        #expect(single.headers["pagination-take"] == "100")

        let tooMany = try await http.get(.invent, "/orgs/c/assistants", query: [("take", "101")])
        #expect(tooMany.status == 400)
        #expect((tooMany.object?["message"] as? String)?.contains("100") == true)
        let beyond = try await http.get(.invent, "/orgs/c/assistants", query: [("page", "9")])
        #expect(beyond.status == 200)
        #expect(beyond.array?.isEmpty == true)
    }

    @Test func inventServesOnlyTheConfiguredOrg() async throws {
        let options = ProviderSimulator.Options(assistantsPerProvider: 2, includeHugePrompt: false, inventOrg: "org_42")
        let (simulator, http) = try started(options)
        defer { simulator.stop() }
        #expect(try await http.get(.invent, "/orgs/org_42/assistants").array?.count == 2)
        #expect(try await http.get(.invent, "/orgs/c/assistants").status == 404)
    }

    @Test func telnyxPagesWithMeta() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let page = try await http.get(.telnyx, "/ai/assistants", query: [("page[number]", "2"), ("page[size]", "10")])
        #expect(page.status == 200)
        let meta = try #require(page.object?["meta"] as? [String: Any])
        #expect(meta["total_pages"] as? Int == 3)
        #expect(meta["total_results"] as? Int == 23)
        #expect(meta["page_number"] as? Int == 2)
        #expect(meta["page_size"] as? Int == 10)
        let expected = Array(simulator.assistantIDs(.telnyx)[10..<20])
        #expect(SimulatorHTTP.ids(.telnyx, page.object?["data"] as? [Any] ?? []) == expected)
        #expect(page.headers["x-ratelimit-limit"] == String(TelnyxAPI.rateLimitPerMinute))
        #expect(page.headers["x-ratelimit-remaining"] != nil)
        #expect(page.headers["x-ratelimit-reset"] != nil)

        let defaults = try await http.get(.telnyx, "/ai/assistants")
        #expect((defaults.object?["meta"] as? [String: Any])?["page_size"] as? Int == 100)
        #expect(try await http.get(.telnyx, "/ai/assistants", query: [("page[size]", "0")]).status == 422)
    }

    @Test func telnyxWithoutMetaServesOneFirstPage() async throws {
        let options = ProviderSimulator.Options(
            assistantsPerProvider: 23,
            includeHugePrompt: false,
            telnyxSendsMeta: false
        )
        let (simulator, http) = try started(options)
        defer { simulator.stop() }
        for number in ["1", "2"] {
            let page = try await http.get(
                .telnyx,
                "/ai/assistants",
                query: [("page[number]", number), ("page[size]", "5")]
            )
            #expect(page.object?["meta"] == nil)
            #expect(
                SimulatorHTTP.ids(.telnyx, page.object?["data"] as? [Any] ?? [])
                    == Array(simulator.assistantIDs(.telnyx).prefix(5))
            )
        }
    }

    @Test func interactlyPagesWithDefaultAndOverriddenShapes() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let page = try await http.get(.interactly, "/assistants/v1/assistants", query: [("page", "3"), ("size", "10")])
        #expect(page.object?["totalCount"] as? Int == 23)
        #expect(
            SimulatorHTTP.ids(.interactly, page.object?["assistants"] as? [Any] ?? [])
                == Array(simulator.assistantIDs(.interactly).suffix(3))
        )
        let defaults = try await http.get(.interactly, "/assistants/v1/assistants")
        #expect((defaults.object?["assistants"] as? [Any])?.count == InteractlyAPI.defaultSize)

        let shape = InteractlyShape(
            listPath: "/v2/bots",
            pageParameter: "p",
            sizeParameter: "per_page",
            itemsKey: "data",
            totalKey: "total"
        )
        let (custom, customHTTP) = try started(
            .init(assistantsPerProvider: 4, includeHugePrompt: false, interactly: shape)
        )
        defer { custom.stop() }
        let second = try await customHTTP.get(.interactly, "/v2/bots", query: [("p", "2"), ("per_page", "3")])
        #expect(second.object?["total"] as? Int == 4)
        #expect(
            SimulatorHTTP.ids(.interactly, second.object?["data"] as? [Any] ?? []) == [
                custom.assistantIDs(.interactly)[3]
            ]
        )
        #expect(try await customHTTP.get(.interactly, "/assistants/v1/assistants").status == 404)
        let one = try await customHTTP.get(.interactly, "/v2/bots/\(custom.assistantIDs(.interactly)[0])")
        #expect(one.status == 200)
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func emptyAccountListsNothing(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started(
            .init(assistantsPerProvider: 3, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        defer { simulator.stop() }
        simulator.removeAll(provider)
        #expect(simulator.assistantIDs(provider).isEmpty)
        let page = try await http.get(provider, http.listPath(provider))
        #expect(page.status == 200)
        #expect(SimulatorHTTP.items(provider, page)?.isEmpty == true)
        #expect(try await http.crawl(provider).isEmpty)
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func crawlingEveryPageYieldsTheLiveAssistantsInOrder(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let crawled = try await http.crawl(provider, pageSize: 7)
        #expect(crawled.map { $0[SimulatorHTTP.idKey(provider)] as? String } == simulator.assistantIDs(provider))
        for item in crawled {
            let id = item[SimulatorHTTP.idKey(provider)] as! String
            #expect(canonicalText(item) == canonicalText(simulator.record(provider, id: id)!))
        }
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func wrongOrMissingKeyIsRefused(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started(
            .init(assistantsPerProvider: 2, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        defer { simulator.stop() }
        let wrong = try await http.get(provider, http.listPath(provider), key: "not-the-key")
        #expect(wrong.status == 401)
        let missing = try await http.get(provider, http.listPath(provider), sendKey: false)
        #expect(missing.status == 401)
        switch provider {
        case .puretalk: #expect(wrong.object?["err"] as? Bool == true)
        case .invent: #expect(wrong.object?["message"] is String)
        case .telnyx: #expect(((wrong.object?["errors"] as? [[String: Any]])?.first?["code"]) as? String == "10009")
        case .interactly: #expect(wrong.object?["statusCode"] as? Int == 401)
        case .openAIStyle: #expect(value(at: "error.code", in: wrong.object as Any) as? String == "invalid_api_key")
        }
        #expect(try await http.get(provider, http.listPath(provider)).status == 200)
    }

    @Test func customAPIKeysAreRequired() async throws {
        let options = ProviderSimulator.Options(
            assistantsPerProvider: 1,
            includeHugePrompt: false,
            apiKeys: [.telnyx: "KEY-t"]
        )
        let (simulator, http) = try started(options)
        defer { simulator.stop() }
        #expect(simulator.apiKeys[.telnyx] == "KEY-t")
        #expect(simulator.apiKeys[.invent] == "sim-invent-key")
        #expect(try await http.get(.telnyx, "/ai/assistants", key: "sim-telnyx-key").status == 401)
        #expect(try await http.get(.telnyx, "/ai/assistants").status == 200)
    }

    @Test(arguments: SimulatedProvider.everyProvider)
    func getOneReturnsTheRecordOr404(provider: SimulatedProvider) async throws {
        let (simulator, http) = try started(
            .init(assistantsPerProvider: 3, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        defer { simulator.stop() }
        let id = simulator.assistantIDs(provider)[1]
        let found = try await http.get(provider, "\(http.listPath(provider))/\(id)")
        #expect(found.status == 200)
        let record: Any? =
            switch provider {
            case .puretalk: found.object?["results"]
            case .telnyx: found.object?["data"]
            case .invent, .interactly, .openAIStyle: found.object
            }
        #expect(canonicalText(record as Any) == canonicalText(simulator.record(provider, id: id)!))
        if provider == .puretalk { #expect(found.object?["err"] as? Bool == false) }

        let missing = try await http.get(provider, "\(http.listPath(provider))/no-such-id")
        #expect(missing.status == 404)
        switch provider {
        case .puretalk: #expect(missing.object?["msg"] as? String == "AI Assistant not found")
        case .invent: #expect(missing.object?["message"] as? String == "Assistant not found")
        case .telnyx: #expect(((missing.object?["errors"] as? [[String: Any]])?.first?["code"]) as? String == "10005")
        case .interactly: #expect(missing.object?["statusCode"] as? Int == 404)
        case .openAIStyle:
            #expect(
                value(at: "error.message", in: missing.object as Any) as? String
                    == "No assistant found with id 'no-such-id'."
            )
        }

        simulator.delete(provider, id: id)
        #expect(try await http.get(provider, "\(http.listPath(provider))/\(id)").status == 404)
        simulator.restore(provider, id: id)
        #expect(try await http.get(provider, "\(http.listPath(provider))/\(id)").status == 200)
        #expect(simulator.assistantIDs(provider)[1] == id)
    }

    @Test func requestsAreLoggedWithHeadersAndUnknownRoutesAre404() async throws {
        let (simulator, http) = try started(.init(assistantsPerProvider: 1, includeHugePrompt: false))
        defer { simulator.stop() }
        _ = try await http.get(.puretalk, "/ai-assistants", query: [("limit", "5")])
        _ = try await http.get(.invent, "/orgs/c/assistants")
        let stray = try await http.get(URL(string: "http://127.0.0.1:\(simulator.port)/nowhere")!, provider: .invent)
        #expect(stray.status == 404)
        let unknown = try await http.get(.telnyx, "/ai/assistants/x/versions")
        #expect(unknown.status == 404)

        let log = simulator.requests
        #expect(log.count == 4)
        #expect(log[0].provider == .puretalk)
        #expect(log[0].path == "/puretalk/api/ai-assistants")
        #expect(log[0].query == ["limit": "5"])
        #expect(log[0].headers["x-api-key"] == "sim-puretalk-key")
        #expect(log[1].headers["authorization"] == "Bearer sim-invent-key")
        #expect(log[2].provider == nil)
        simulator.resetRequestLog()
        #expect(simulator.requests.isEmpty)
    }

    @Test func inventEnforcesItsPerMinuteRateLimit() async throws {
        let options = ProviderSimulator.Options(
            assistantsPerProvider: 1,
            includeHugePrompt: false,
            inventRequestsPerMinute: 3
        )
        let (simulator, http) = try started(options)
        defer { simulator.stop() }
        for _ in 0..<3 { #expect(try await http.get(.invent, "/orgs/c/assistants").status == 200) }
        let limited = try await http.get(.invent, "/orgs/c/assistants")
        #expect(limited.status == 429)
        #expect(limited.object?["message"] is String)
        #expect(try await http.get(.puretalk, "/ai-assistants").status == 200)  // other providers unaffected
    }
}
