import Foundation

/// Telnyx's `GET /audit_events` (developers.telnyx.com, List Audit Logs; telnyx-python
/// `audit_event_list_params.py`): `filter[created_after]`, `filter[created_before]` (ISO 8601, exclusive),
/// `page[number]`, `page[size]`, `sort` (`asc`/`desc` by creation date) → `{data, meta{total_pages,
/// page_number, total_results, page_size}}`. Defaults are not documented: 20 per page, at most 250, newest first.
struct TelnyxAuditEventsAPI {
    static let path = "/audit_events"
    static let defaultPageSize = 20
    static let maximumPageSize = 250

    struct Query {
        var page: PageRequest
        var createdAfter: Date?
        var createdBefore: Date?
        var newestFirst: Bool
    }

    enum Parsed {
        case query(Query)
        case rejected(HTTPResponse)
    }

    let telnyx: TelnyxAPI

    func parse(_ query: [String: String]) -> Parsed {
        let page: PageRequest
        switch telnyx.listParameters(query, defaultSize: Self.defaultPageSize) {
        case .rejected(let refusal): return .rejected(refusal)
        case .page(let requested): page = requested
        }
        guard page.size <= Self.maximumPageSize else {
            return .rejected(invalid("page[size] must be at most \(Self.maximumPageSize), not \(page.size)"))
        }
        var parsed = Query(page: page, newestFirst: true)
        switch query["sort"] {
        case nil, "desc": break
        case "asc": parsed.newestFirst = false
        case let other?: return .rejected(invalid("sort must be 'asc' or 'desc', not '\(other)'"))
        }
        for (key, target) in [
            ("filter[created_after]", \Query.createdAfter), ("filter[created_before]", \.createdBefore),
        ] {
            guard let text = query[key] else { continue }
            guard let date = Self.date(text) else {
                return .rejected(
                    invalid("\(key) must be an ISO 8601 date-time such as 2026-11-01T09:00:00Z, not '\(text)'")
                )
            }
            parsed[keyPath: target] = date
        }
        return .query(parsed)
    }

    func response(_ events: [SimulatedAuditLog.Event], query: Query) -> HTTPResponse {
        // Events come in the order they were recorded; that order breaks ties within one millisecond.
        var matching = events.enumerated().filter { _, event in
            query.createdAfter.map { event.createdAt > $0 } ?? true
                && query.createdBefore.map { event.createdAt < $0 } ?? true
        }
        .sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }
        .map(\.element)
        if query.newestFirst { matching.reverse() }
        let size = query.page.size
        let start = min(matching.count, (query.page.number - 1) * size)
        let page = matching[start..<min(matching.count, start + size)]
        return .json([
            "data": page.map(\.wire.foundationObject),
            "meta": [
                "total_pages": (matching.count + size - 1) / size, "page_number": query.page.number,
                "total_results": matching.count, "page_size": size,
            ],
        ])
    }

    private func invalid(_ message: String) -> HTTPResponse {
        telnyx.errorResponse(status: 422, message: message)
    }

    /// RFC 3339 date-times, with or without fractional seconds.
    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
