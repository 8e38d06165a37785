import Foundation
import MirrorCore

/// Invent: `GET {base}/orgs/{org}/assistants?page=N&take=T` (1-based, take ≤ 100) with a Bearer key,
/// answering a bare JSON array with the total in the `pagination-count` header
/// (research/providers.md §2.3). The last page is the first short one, or the one that reaches the total.
///
/// Invent limits each client IP to 500 requests a minute, so every Invent account on this host draws
/// from one shared rate limiter.
public struct InventProvider: AssistantProvider {
    public let kind = ProviderKind.invent
    public static let requestsPerMinute = 500
    let requester: ProviderRequester
    let org: String
    let pageSize: Int

    public init(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) {
        var policy = RequestPolicy.default
        policy.rateLimiter = RateLimiter.shared(key: "invent", requestsPerMinute: Self.requestsPerMinute)
        requester = ProviderRequester(
            account: account,
            authorization: ["Authorization": "Bearer " + apiKey.reveal()],
            http: http,
            policy: policy
        )
        org = account.org ?? "c"
        pageSize = requester.clampedPageSize(account.pageSize, default: 100, maximum: 100)
    }

    var listPath: String { "/orgs/" + ProviderRequester.pathSegment(org) + "/assistants" }

    public func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        let page = cursor?.pageNumber ?? 1
        let url = requester.url(path: listPath, query: [("page", String(page)), ("take", String(pageSize))])
        let (json, response) = try await requester.getJSON(url, page: page)
        // A soft-deleted assistant (`deleted: true`) is not a live one.
        let records = try requester.records(from: json, idField: "id", page: page, container: "the body")
            .filter { $0.raw["deleted"]?.boolValue != true }
        let itemCount = json?.arrayValue?.count ?? 0
        let total = response.header("pagination-count").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let reachedTotal = total.map { page * pageSize >= $0 } ?? false
        let next: PageCursor? = itemCount < pageSize || reachedTotal ? nil : .page(page + 1)
        return ProviderPage(records: records, next: next)
    }

    public func fetchOne(remoteID: String) async throws -> FetchOneResult {
        try await requester.fetchOne(
            path: listPath + "/" + ProviderRequester.pathSegment(remoteID),
            remoteID: remoteID,
            idField: "id",
            isDeleted: { $0["deleted"]?.boolValue == true }
        )
    }
}
