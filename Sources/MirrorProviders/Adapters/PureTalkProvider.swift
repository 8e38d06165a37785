import Foundation
import MirrorCore

/// PureTalk: `GET {base}/ai-assistants?page=N&limit=L` with `X-API-KEY`, answering Django REST
/// Framework's page-number envelope `{count, next, previous, results}` (research/providers.md §1).
///
/// `next` is read only for its `page` number and the URL is rebuilt from the configured base: DRF
/// builds `next` from the request's Host, which behind a proxy can be another scheme or host, and
/// the key must never follow it there. A `next` that does not move forward is a paging loop.
public struct PureTalkProvider: AssistantProvider {
    public let kind = ProviderKind.puretalk
    let requester: ProviderRequester
    let pageSize: Int

    public init(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) {
        requester = ProviderRequester(
            account: account,
            authorization: ["X-API-KEY": apiKey.reveal()],
            http: http
        )
        // The limit's maximum is undocumented; 100 is DRF's common max_page_size.
        pageSize = requester.clampedPageSize(account.pageSize, default: 100, maximum: 100)
    }

    public func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        let page = cursor?.pageNumber ?? 1
        let url = requester.url(path: "/ai-assistants", query: [("page", String(page)), ("limit", String(pageSize))])
        let (json, _) = try await requester.getJSON(url, page: page)
        guard let envelope = json, case .object = envelope else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "expected an object {count, next, previous, results}"
            )
        }
        let records = try requester.records(
            from: envelope["results"],
            idField: "assistant_id",
            page: page,
            container: "results"
        )
        var warnings: [String] = []
        let next: PageCursor?
        switch envelope["next"] {
        case nil, .null?:
            next = nil
            let held = assistantsHeld(throughPage: page, onIt: records.count)
            if let count = envelope["count"]?.intValue, count != held {
                warnings.append(
                    "count says \(count) assistants but the pages held \(held.map(String.init) ?? "more than that"); items may have moved during the crawl"
                )
            }
        case .string(let link)?:
            guard
                let nextPage = URLComponents(string: link)?.queryItems?.first(where: { $0.name == "page" })?.value
                    .flatMap(Int.init)
            else {
                throw ProviderError.malformedPage(
                    provider: kind,
                    page: page,
                    reason: "next is not a URL with a page number"
                )
            }
            guard nextPage > page else {
                throw ProviderError.pagingLoop(provider: kind, reason: "page \(page) points next to page \(nextPage)")
            }
            guard !records.isEmpty else {
                throw ProviderError.malformedPage(
                    provider: kind,
                    page: page,
                    reason: "an empty page that still has a next page"
                )
            }
            next = .page(nextPage)
        case let other?:
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "next should be a URL or null, found \(other.typeName)"
            )
        }
        return ProviderPage(records: records, next: next, warnings: warnings)
    }

    /// The assistants on the pages up to `page`, or nil when that many cannot be counted: a `next` link
    /// may name any page up to `Int.max`, so the product must not trap (found while writing the
    /// `puretalk-page` fuzz target, whose corpus keeps the input).
    func assistantsHeld(throughPage page: Int, onIt count: Int) -> Int? {
        let (before, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
        let (held, sumOverflow) = before.addingReportingOverflow(count)
        return overflow || sumOverflow ? nil : held
    }

    /// `GET /ai-assistants/{id}` answers `{msg, err, results: {…}}`; 404 means gone.
    public func fetchOne(remoteID: String) async throws -> FetchOneResult {
        try await requester.fetchOne(
            path: "/ai-assistants/" + ProviderRequester.pathSegment(remoteID),
            remoteID: remoteID,
            idField: "assistant_id",
            envelope: "results"
        )
    }
}
