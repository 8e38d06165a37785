import Foundation
import MirrorCore
import MirrorSimulator
import Synchronization
import Testing

@testable import MirrorProviders

/// The described adapter's paging styles, each against a small server on loopback that pages seven
/// assistants its own way; every crawl must collect all seven, no more, and stop by itself.
@Suite struct DescribedProviderPagingTests {
    static let ids = (1...7).map { "asst_\($0)" }
    static func item(_ id: String) -> [String: Any] { ["id": id, "name": "n-\(id)", "instructions": "p-\(id)"] }

    /// A loopback server and the requests it saw.
    final class Server: Sendable {
        /// What the handler shares with the test: the requests, and the server's own URL for links.
        final class Shared: Sendable {
            let requests = Mutex<[HTTPRequest]>([])
            let base = Mutex<URL?>(nil)
        }

        let http: HTTPServer
        let shared = Shared()

        init(_ respond: @escaping @Sendable (HTTPRequest, URL) -> MirrorSimulator.HTTPResponse) throws {
            let shared = shared
            http = try HTTPServer { request in
                shared.requests.withLock { $0.append(request) }
                return respond(request, shared.base.withLock { $0 }!)
            }
            shared.base.withLock { $0 = http.baseURL }
            http.start()
        }

        var requests: [HTTPRequest] { shared.requests.withLock { $0 } }
        deinit { http.stop() }
    }

    static func description(_ configure: (inout ProviderDescription) -> Void) -> ProviderDescription {
        var description = ProviderDescription(
            name: ProviderKind(rawValue: "paged")!,
            listPath: "/v1/assistants",
            getPath: "/v1/assistants/{id}",
            promptPath: "instructions"
        )
        configure(&description)
        return description
    }

    /// Follows the pages as the sync engine does, refusing a cursor that comes back.
    static func crawl(
        _ description: ProviderDescription,
        server: Server,
        pageSize: Int
    ) async throws -> (
        ids: [String], pages: Int, warnings: [String]
    ) {
        let account = AccountConfiguration(
            name: "paged",
            provider: description.name,
            secret: .environment(name: "UNUSED"),
            baseURL: server.http.baseURL,
            pageSize: pageSize,
            providerDescription: description
        )
        let provider = DescribedProvider(account: account, apiKey: Secret("k"), http: HTTPClient(logger: .silent()))
        var cursor: PageCursor?
        var ids: [String] = []
        var warnings: [String] = []
        var visited = Set<String>()
        for pages in 1...20 {
            let page = try await provider.fetchPage(cursor)
            ids += page.records.map(\.remoteID)
            warnings += page.warnings
            guard let next = page.next else { return (ids, pages, warnings) }
            #expect(visited.insert(next.storedForm).inserted)
            cursor = next
        }
        Issue.record("paging did not stop")
        return (ids, 20, warnings)
    }

    static func slice(from start: Int, size: Int) -> [[String: Any]] {
        Array(ids.dropFirst(start).prefix(size)).map(item)
    }

    @Test func pageNumbersWithATotal() async throws {
        let server = try Server { request, _ in
            let page = Int(request.query["p"] ?? "") ?? 0
            let size = Int(request.query["n"] ?? "") ?? 0
            return .json(["total": 7, "items": Self.slice(from: (page - 1) * size, size: size)])
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .page
                $0.pageParameter = "p"
                $0.sizeParameter = "n"
                $0.items = "items"
                $0.totalField = "total"
            },
            server: server,
            pageSize: 3
        )
        #expect(result.ids == Self.ids && result.pages == 3)
    }

    @Test(arguments: [true, false])
    func aServerCapBelowTheAskedSizeIsNotTakenForTheEnd(withTotal: Bool) async throws {
        // The server serves at most 2 whatever is asked, and counts its offsets in its own size.
        let server = try Server { request, _ in
            let page = Int(request.query["page"] ?? "") ?? 0
            let items = Self.slice(from: (page - 1) * 2, size: 2)
            return withTotal ? .json(["data": ["assistants": items], "totalCount": 7]) : .json(items)
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .page
                $0.pageParameter = "page"
                $0.sizeParameter = "size"
                $0.items = withTotal ? "data.assistants" : nil
                $0.totalField = withTotal ? "totalCount" : nil
            },
            server: server,
            pageSize: 5
        )
        #expect(result.ids == Self.ids)
        #expect(server.requests.allSatisfy { $0.query["size"] == "5" })
    }

    @Test func offsetsAdvanceByWhatArrived() async throws {
        let server = try Server { request, _ in
            let offset = Int(request.query["offset"] ?? "") ?? -1
            // A cap of 2, below the 3 asked for.
            return .json(["results": Self.slice(from: offset, size: 2), "has_more": offset + 2 < 7])
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .offset
                $0.pageParameter = "offset"
                $0.sizeParameter = "limit"
                $0.items = "results"
                $0.moreField = "has_more"
            },
            server: server,
            pageSize: 3
        )
        #expect(result.ids == Self.ids && result.pages == 4)
        #expect(server.requests.map { $0.query["offset"] } == ["0", "2", "4", "6"])
    }

    @Test func aCursorFromTheReplyWithHasMore() async throws {
        // OpenAI Assistants' list: `after` the previous page's last_id, `has_more` says whether to go on.
        let server = try Server { request, _ in
            let start = request.query["after"].flatMap { Self.ids.firstIndex(of: $0).map { $0 + 1 } } ?? 0
            let limit = Int(request.query["limit"] ?? "") ?? 20
            let items = Self.slice(from: start, size: limit)
            return .json([
                "object": "list", "data": items, "first_id": items.first?["id"] ?? NSNull(),
                "last_id": items.last?["id"] ?? NSNull(), "has_more": start + limit < 7,
            ])
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .cursor
                $0.pageParameter = "after"
                $0.sizeParameter = "limit"
                $0.items = "data"
                $0.cursorField = "last_id"
                $0.moreField = "has_more"
            },
            server: server,
            pageSize: 3
        )
        #expect(result.ids == Self.ids && result.pages == 3)
        #expect(server.requests.map { $0.query["after"] } == [nil, "asst_3", "asst_6"])
    }

    static let nextStyle = description {
        $0.paging = .next
        $0.sizeParameter = "limit"
        $0.items = "results"
        $0.nextField = "next"
    }

    @Test func aNextURLOnTheSameOriginIsFollowed() async throws {
        let server = try Server { request, base in
            let start = Int(request.query["from"] ?? "0")!
            let next: Any = start + 3 < 7 ? base.absoluteString + "/v1/assistants?from=\(start + 3)&limit=3" : NSNull()
            return .json(["results": Self.slice(from: start, size: 3), "next": next])
        }
        let result = try await Self.crawl(Self.nextStyle, server: server, pageSize: 3)
        #expect(result.ids == Self.ids && result.pages == 3)
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer k" })
    }

    @Test func aNextURLToAnotherHostIsNeverFollowed() async throws {
        let server = try Server { _, _ in
            .json(["results": Self.slice(from: 0, size: 3), "next": "http://127.0.0.2:1/v1/assistants?from=3"])
        }
        await #expect {
            _ = try await Self.crawl(Self.nextStyle, server: server, pageSize: 3)
        } throws: { error in
            "\(error)".contains("leads away from the account's base-url")
        }
        #expect(server.requests.count == 1)
    }

    @Test func theLinkHeaderNextRelation() async throws {
        let server = try Server { request, base in
            let page = Int(request.query["page"] ?? "1")!
            var links = ["<\(base.absoluteString)/v1/assistants?page=1>; rel=\"first\""]
            if page < 3 {
                links.append("<\(base.absoluteString)/v1/assistants?page=\(page + 1)&per_page=3>; rel=\"next\"")
            }
            return .json(Self.slice(from: (page - 1) * 3, size: 3), headers: [("Link", links.joined(separator: ", "))])
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .link
                $0.sizeParameter = "per_page"
            },
            server: server,
            pageSize: 3
        )
        #expect(result.ids == Self.ids && result.pages == 3)
    }

    @Test func noPagingIsOneRequest() async throws {
        let server = try Server { _, _ in .json(["data": Self.ids.map(Self.item)]) }
        let result = try await Self.crawl(Self.description { $0.items = "data" }, server: server, pageSize: 3)
        #expect(result.ids == Self.ids && result.pages == 1)
        #expect(server.requests.count == 1 && server.requests[0].query.isEmpty)
    }

    @Test func aTotalNotReachedKeepsPagingPastAShortPage() async throws {
        // Page 1 comes back short (an item moved), yet the total says there is more.
        let server = try Server { request, _ in
            let page = Int(request.query["page"] ?? "") ?? 0
            let items = page == 1 ? Self.slice(from: 0, size: 2) : Self.slice(from: (page - 1) * 3, size: 3)
            return .json(items, headers: [("X-Total-Count", "7")])
        }
        let result = try await Self.crawl(
            Self.description {
                $0.paging = .page
                $0.pageParameter = "page"
                $0.sizeParameter = "size"
                $0.totalHeader = "x-total-count"
            },
            server: server,
            pageSize: 3
        )
        // Six held, seven promised: page 4 is asked for, comes back empty, and the gap is a warning.
        #expect(result.pages == 4)
        #expect(result.warnings.contains { $0.contains("the total says 7 assistants but the pages held 6") })
        #expect(Set(result.ids) == Set(Self.ids).subtracting(["asst_3"]))
    }
}
