import Foundation
import MirrorCore
import MirrorProviders
import Testing

/// The audit log reader against scripted replies on loopback: the documented query, paging to the last
/// page, and a specific error for an event that is not what the document says.
@Suite struct AuditLogReaderTests {
    static let key = "KEY-audit-reader-test"

    static func reader(_ server: ScriptedServer, maxPages: Int = 10) throws -> AuditLogReader {
        let account = AccountConfiguration(
            name: "voice",
            provider: .telnyx,
            secret: .environment(name: "UNUSED"),
            baseURL: server.baseURL,
            maxPages: maxPages
        )
        let http = HTTPClient(configuration: .init(maxAttempts: 1, sleep: { _ in }), logger: .silent())
        return try #require(ProviderFactory.makeAuditLog(account: account, apiKey: Secret(key), http: http))
    }

    static func event(_ id: String, createdAt: Any = "2026-11-02T10:00:00.123456Z") -> [String: Any] {
        [
            "id": id, "user_id": "u-1", "record_type": "audit_event", "resource_id": "assistant-1",
            "alternate_resource_id": NSNull(), "change_made_by": "organization_member",
            "changes": [["field": "instructions", "from": "a", "to": "b"]], "organization_id": "org",
            "change_type": "update", "created_at": createdAt,
        ]
    }

    static func page(_ events: [[String: Any]], number: Int, of total: Int) -> StubResponse {
        .json([
            "data": events,
            "meta": ["total_pages": total, "page_number": number, "total_results": events.count, "page_size": 250],
        ])
    }

    @Test func sendsTheDocumentedQueryAndReadsEveryPage() async throws {
        let server = try ScriptedServer([
            Self.page([Self.event("e1")], number: 1, of: 2), Self.page([Self.event("e2")], number: 2, of: 2),
        ])
        let events = try await Self.reader(server).events(
            createdAfter: "2026-11-02T09:45:00.000Z",
            createdBefore: "2026-11-02T11:00:00.000Z"
        )
        #expect(events.map(\.eventID) == ["e1", "e2"])
        #expect(events[0].createdAt == "2026-11-02T10:00:00.123Z", "normalized to the mirror's form")
        #expect(events[0].editor == "user u-1 (organization_member)")
        #expect(server.received.count == 2)
        let first = try #require(server.received.first)
        #expect(first.method == "GET")
        #expect(first.path == "/audit_events")
        #expect(first.query["filter[created_after]"] == "2026-11-02T09:45:00.000Z")
        #expect(first.query["filter[created_before]"] == "2026-11-02T11:00:00.000Z")
        #expect(first.query["page[number]"] == "1")
        #expect(first.query["page[size]"] == "250")
        #expect(first.query["sort"] == "asc")
        #expect(first.headers["authorization"] == "Bearer \(Self.key)")
        #expect(server.received.last?.query["page[number]"] == "2")
    }

    @Test func aBadEventIsASpecificError() async throws {
        let cases: [([String: Any], String)] = [
            (Self.event("e1", createdAt: "yesterday"), "event e1 has no ISO 8601 'created_at'"),
            (Self.event("", createdAt: "2026-11-02T10:00:00Z"), "event 0 has no string 'id'"),
            (Self.event("e1").merging(["user_id": 42]) { $1 }, "event e1: 'user_id' should be a string or null, found"),
        ]
        for (event, reason) in cases {
            let server = try ScriptedServer([Self.page([event], number: 1, of: 1)])
            let reader = try Self.reader(server)
            let error = await #expect(throws: AuditLogError.self) {
                _ = try await reader.events(createdAfter: "2026-11-02T09:00:00Z", createdBefore: "2026-11-03T00:00:00Z")
            }
            let text = String(describing: try #require(error))
            #expect(text.contains("malformed audit log page 1"))
            #expect(text.contains(reason), "\(text)")
            #expect(!text.contains(Self.key))
        }
    }

    @Test func aPageCountBeyondMaxPagesStops() async throws {
        let server = try ScriptedServer([Self.page([Self.event("e1")], number: 1, of: 1000)])
        let reader = try Self.reader(server, maxPages: 3)
        await #expect(throws: AuditLogError.self) {
            _ = try await reader.events(
                createdAfter: "2026-11-02T09:00:00Z",
                createdBefore: "2026-11-03T00:00:00Z"
            )
        }
        #expect(server.received.count == 3)
    }
}
