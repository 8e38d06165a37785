import Foundation
import MirrorCore

/// Reads a provider's audit log: Telnyx `GET {base}/audit_events` (developers.telnyx.com, List Audit
/// Logs) with `filter[created_after]`, `filter[created_before]` (ISO 8601), `page[number]`,
/// `page[size]` and `sort=asc`, answering `{"data": [event…], "meta": {"total_pages", "page_number",
/// "total_results", "page_size"}}`. Like the adapters it knows the wire and nothing of the database.
public struct AuditLogReader: Sendable {
    let requester: ProviderRequester
    let path: String
    let maxPages: Int

    /// The largest page the endpoint is known to accept (telnyx-python's `page[size]` bound).
    static let pageSize = 250

    /// Every event created in (`after`, `before`), oldest first. Throws on the first page that is not
    /// what the API documents, so a read is stored whole or not at all.
    public func events(createdAfter after: String, createdBefore before: String) async throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        var page = 1
        while true {
            guard page <= maxPages else {
                throw AuditLogError.pagingLoop(
                    provider: requester.kind,
                    reason: "the page cap of \(maxPages) was reached (max-pages)"
                )
            }
            let url = requester.url(
                path: path,
                query: [
                    ("filter[created_after]", after), ("filter[created_before]", before),
                    ("page[number]", String(page)),
                    ("page[size]", String(Self.pageSize)), ("sort", "asc"),
                ]
            )
            let json: JSONValue?
            let response: HTTPResponse
            do {
                (json, response, _, _) = try await requester.getJSON(url, page: nil, passing: [404])
            } catch ProviderError.malformedPage(_, _, let reason) {
                throw AuditLogError.malformed(provider: requester.kind, page: page, reason: reason)
            }
            if response.status == 404 {
                throw AuditLogError.notFound(provider: requester.kind, url: URLPolicy.redactedDescription(url))
            }
            let reply = AuditLogPage(json: json, provider: requester.kind, page: page)
            events += try reply.events()
            // A reply without total_pages is taken as the only page, as Telnyx's assistant list is.
            guard let totalPages = try reply.totalPages(), page < totalPages else { return events }
            page += 1
        }
    }
}
