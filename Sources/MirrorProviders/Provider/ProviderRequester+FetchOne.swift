import MirrorCore

extension ProviderRequester {
    /// GET-one, the way the deletion pass asks (design.md invariant 1): 404 means gone; any other reply
    /// must be the assistant asked for, bare or inside `envelope` (`results`, `data`); `isDeleted`
    /// recognises a soft-deleted record (Invent's `deleted: true`).
    func fetchOne(
        path: String,
        remoteID: String,
        idField: String,
        envelope: String? = nil,
        isDeleted: (JSONValue) -> Bool = { _ in false }
    ) async throws -> FetchOneResult {
        let (json, response) = try await getJSON(url(path: path), page: nil, passing: [404])
        if response.status == 404 { return .notFound }
        let record = envelope.flatMap { json?[$0] } ?? json
        if let record, isDeleted(record) { return .notFound }
        guard let record, record[idField]?.stringValue == remoteID else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: nil,
                reason: "GET-one for \(remoteID) did not return that assistant"
            )
        }
        return .found(RemoteRecord(remoteID: remoteID, raw: record))
    }
}
