import Foundation
import MirrorCore

/// Telnyx: `GET {base}/ai/assistants?page[number]=N&page[size]=S` with a Bearer key, answering
/// `{data: […], meta: {total_pages, total_results, page_number, page_size}}`.
///
/// The paging is undocumented (team-telnyx/telnyx-go#201): without parameters the endpoint silently
/// returns the first 100 only, so the size is always sent. No `meta` means one page; a page that comes
/// back exactly full without `meta` may be hiding more, which earns a warning.
public struct TelnyxProvider: AssistantProvider {
    public let kind = ProviderKind.telnyx
    let requester: ProviderRequester
    let pageSize: Int

    public init(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) {
        requester = ProviderRequester(
            account: account,
            authorization: ["Authorization": "Bearer " + apiKey.reveal()],
            http: http
        )
        pageSize = requester.clampedPageSize(account.pageSize, default: 100, maximum: 100)
    }

    public func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        let page = cursor?.pageNumber ?? 1
        let url = requester.url(
            path: "/ai/assistants",
            query: [("page[number]", String(page)), ("page[size]", String(pageSize))]
        )
        let (json, _) = try await requester.getJSON(url, page: page)
        guard let envelope = json, case .object = envelope else {
            throw ProviderError.malformedPage(provider: kind, page: page, reason: "expected an object {data, meta}")
        }
        let records = try requester.records(from: envelope["data"], idField: "id", page: page, container: "data")
        guard let meta = envelope["meta"], !meta.isNull else {
            let warnings =
                records.count == pageSize
                ? [
                    "the page is exactly full (\(pageSize)) but has no meta: there may be more assistants than Telnyx returned"
                ] : []
            return ProviderPage(records: records, next: nil, warnings: warnings)
        }
        guard let totalPages = meta["total_pages"]?.intValue else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "meta.total_pages should be an integer"
            )
        }
        return ProviderPage(records: records, next: page < totalPages ? .page(page + 1) : nil)
    }

    /// `GET /ai/assistants/{id}`. Never sets `fetch_dynamic_variables_from_webhook`: it would call the
    /// customer's webhook.
    public func fetchOne(remoteID: String) async throws -> FetchOneResult {
        try await requester.fetchOne(
            path: "/ai/assistants/" + ProviderRequester.pathSegment(remoteID),
            remoteID: remoteID,
            idField: "id",
            envelope: "data"
        )
    }
}
