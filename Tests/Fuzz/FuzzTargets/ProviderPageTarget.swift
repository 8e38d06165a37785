import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore
import MirrorSync

/// Each provider adapter's page decoding, from the bodies of 200 answers to what the sync engine
/// stores. The input is one or more bodies separated by NUL bytes (which JSON never holds unescaped),
/// served in turn: the crawl follows `next` cursors for up to `maxPages` pages as the sync engine does,
/// then `fetchOne` asks for the first id decoded, and the normalizer reads every record. Bad bodies fail
/// with the adapter's or the normalizer's own error, never with the API key in its text; a next page
/// lies ahead; every request stays under the configured API root; a snapshot is canonical JSON whose
/// hash is the content hash, and an update time is in the project format.
enum ProviderPageTarget {
    static let targets = ProviderKind.builtIns.map { kind in
        FuzzTarget(
            name: "\(kind.rawValue)-page",
            check: .asynchronous { input throws(InvariantViolation) in
                try await check(input, kind: kind)
            }
        )
    }
    static let apiKey = "fuzz-api-key-5b0e7d9c"
    static let maxPages = 4
    static let baseURL = URL(string: "https://provider.invalid/api")!
    static let fingerprintKey = FingerprintKey(bytes: Array(repeating: 0x5A, count: 32))

    static func check(_ input: [UInt8], kind: ProviderKind) async throws(InvariantViolation) {
        // A page size of 2 lets a short body reach the paging decisions.
        let account = AccountConfiguration(
            name: "fuzz",
            provider: kind,
            secret: .environment(name: "FUZZ_API_KEY"),
            baseURL: baseURL,
            pageSize: 2
        )
        let bodies = input.split(separator: 0, omittingEmptySubsequences: false).map { Data($0) }
        let http = CannedHTTP(bodies: bodies)
        let provider = ProviderFactory.make(account: account, apiKey: Secret(apiKey), http: http)
        let normalizer = Normalizer(account: account, fingerprintKey: fingerprintKey)
        var firstID: String?
        var cursor: PageCursor?
        for _ in 0..<maxPages {
            let result: ProviderPage
            do {
                result = try await provider.fetchPage(cursor)
            } catch {
                try expectClean(error)
                break
            }
            for record in result.records {
                try expect(!record.remoteID.isEmpty, "a record has an empty id")
                firstID = firstID ?? record.remoteID
                try checkNormalized(record, normalizer)
            }
            guard let next = result.next else { break }
            let page = cursor?.pageNumber ?? 1
            try expect(next.pageNumber.map { $0 > page } == true, "page \(page) points next to \(next.storedForm)")
            cursor = next
        }
        do {
            _ = try await provider.fetchOne(remoteID: firstID ?? "fuzz-id")
        } catch {
            try expectClean(error)
        }
        for url in http.requestedURLs {
            try expect(
                url.host == baseURL.host && url.path.hasPrefix(baseURL.path + "/"),
                "a request left the API root: \(url)"
            )
            // RFC 3986 §5.2.4: a "." or ".." segment is removed on the way, so an id that is one reaches
            // another resource than the assistant it names.
            try expect(
                !url.path.split(separator: "/").contains { $0 == "." || $0 == ".." },
                "a request path has a dot segment: \(url)"
            )
        }
    }

    static func checkNormalized(_ record: RemoteRecord, _ normalizer: Normalizer) throws(InvariantViolation) {
        let observation: AssistantObservation
        do {
            observation = try normalizer.normalize(record)
        } catch {
            try expectClean(error)
            return
        }
        try expect(observation.remoteID == record.remoteID, "the observation has another id")
        try expect(
            (try? JSONParser.parse(observation.snapshot).canonicalText) == observation.snapshot,
            "the snapshot is not canonical JSON"
        )
        try expect(
            observation.contentHash == SHA256.hash(observation.snapshot).hexString,
            "the content hash is not the snapshot's"
        )
        if let updated = observation.providerUpdatedAt {
            try expect(Timestamp.normalize(updated) == updated, "provider time \(updated) is not in the format")
        }
    }

    /// A failure is the adapter's or the normalizer's documented error and does not carry the key.
    static func expectClean(_ error: any Error) throws(InvariantViolation) {
        try expect(
            error is ProviderError || error is NormalizationError,
            "undocumented error \(type(of: error)): \(error)"
        )
        try expect(!"\(error)".contains(apiKey), "an error quotes the API key: \(error)")
    }
}
