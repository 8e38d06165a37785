import Foundation
import MirrorCore

/// Interactly: the list endpoint is not publicly documented (research/providers.md §4.1). The default
/// follows the platform's other lists — `GET {base}/assistants/v1/assistants?page=N&size=S` answering
/// `{totalCount, assistants}` — and every one of those names can be overridden per account
/// (`list-path`, `page-parameter`, `size-parameter`, `items-key`, `total-key`) once the real API is seen.
public struct InteractlyProvider: AssistantProvider {
    public let kind = ProviderKind.interactly
    let requester: ProviderRequester
    let pageSize: Int
    let listPath: String
    let pageParameter: String
    let sizeParameter: String
    let itemsKey: String
    let totalKey: String

    public init(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) {
        requester = ProviderRequester(
            account: account,
            authorization: ["Authorization": "Bearer " + apiKey.reveal()],
            http: http
        )
        pageSize = requester.clampedPageSize(account.pageSize, default: 100, maximum: 100)
        listPath = account.listPath ?? "/assistants/v1/assistants"
        pageParameter = account.pageParameter ?? "page"
        sizeParameter = account.sizeParameter ?? "size"
        itemsKey = account.itemsKey ?? "assistants"
        totalKey = account.totalKey ?? "totalCount"
    }

    public func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        let page = cursor?.pageNumber ?? 1
        let url = requester.url(
            path: listPath,
            query: [(pageParameter, String(page)), (sizeParameter, String(pageSize))]
        )
        let (json, _) = try await requester.getJSON(url, page: page)
        guard let envelope = json, case .object = envelope else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "expected an object {\(totalKey), \(itemsKey)}"
            )
        }
        let records = try requester.records(from: envelope[itemsKey], idField: "_id", page: page, container: itemsKey)
        let total = envelope[totalKey]?.intValue
        let done = records.count < pageSize || total.map { page * pageSize >= $0 } ?? false
        return ProviderPage(records: records, next: done ? nil : .page(page + 1))
    }

    /// `GET /assistants/v1/assistants/{id}` (documented: "Get Assistant Details by ID").
    public func fetchOne(remoteID: String) async throws -> FetchOneResult {
        try await requester.fetchOne(
            path: listPath + "/" + ProviderRequester.pathSegment(remoteID),
            remoteID: remoteID,
            idField: "_id",
            envelope: "data"
        )
    }
}
