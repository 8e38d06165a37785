import Foundation
import MirrorCore
import MirrorProviders

/// Telnyx's audit log decoding (`GET /audit_events`), from the bodies of 200 answers to the events the
/// sync engine stores. The input is one or more bodies separated by NUL bytes, served in turn as the
/// reader pages. A bad body fails with the reader's own error and never quotes the API key; every event
/// read has an id and a creation time in the project's form (attribution compares it as text); no
/// request leaves the API root, and the reader stops at its page cap.
enum AuditLogTarget {
    static let target = FuzzTarget(
        name: "telnyx-audit-log",
        check: .asynchronous { input throws(InvariantViolation) in
            try await check(input)
        }
    )
    static let maxPages = 4

    static func check(_ input: [UInt8]) async throws(InvariantViolation) {
        let account = AccountConfiguration(
            name: "fuzz",
            provider: .telnyx,
            secret: .environment(name: "FUZZ_API_KEY"),
            baseURL: ProviderPageTarget.baseURL,
            maxPages: maxPages
        )
        let bodies = input.split(separator: 0, omittingEmptySubsequences: false).map { Data($0) }
        let http = CannedHTTP(bodies: bodies)
        guard
            let reader = ProviderFactory.makeAuditLog(
                account: account,
                apiKey: Secret(ProviderPageTarget.apiKey),
                http: http
            )
        else { throw InvariantViolation("the Telnyx description has no audit log") }
        do {
            let events = try await reader.events(
                createdAfter: "2026-12-01T00:00:00.000Z",
                createdBefore: "2026-12-02T00:00:00.000Z"
            )
            for event in events {
                try expect(!event.eventID.isEmpty, "an event has an empty id")
                try expect(
                    Timestamp.normalize(event.createdAt) == event.createdAt,
                    "created_at \(event.createdAt) is not in the project's form"
                )
            }
        } catch {
            try expect(
                error is AuditLogError || error is ProviderError,
                "undocumented error \(type(of: error)): \(error)"
            )
            try expect(
                !"\(error)".contains(ProviderPageTarget.apiKey),
                "an error quotes the API key: \(error)"
            )
        }
        try expect(http.requestedURLs.count <= maxPages, "the reader passed its page cap")
        for url in http.requestedURLs {
            try expect(
                url.host == ProviderPageTarget.baseURL.host
                    && url.path == ProviderPageTarget.baseURL.path + "/audit_events",
                "a request left the audit log's path: \(url)"
            )
        }
    }
}
