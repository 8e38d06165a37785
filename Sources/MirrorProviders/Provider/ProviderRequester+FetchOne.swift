import MirrorCore

extension ProviderRequester {
    /// GET-one, the way the deletion pass asks (design.md invariant 1): 404 means gone; any other reply
    /// must be the assistant asked for, bare or at `item` (`results`, `data`); `isDeleted`
    /// recognises a soft-deleted record (Invent's `deleted: true`).
    func fetchOne(
        path: String,
        remoteID: String,
        id idField: PathPattern,
        item: PathPattern?,
        isDeleted: (JSONValue) -> Bool
    ) async throws -> FetchOneResult {
        let (json, response, _, _) = try await getJSON(url(path: path), page: nil, passing: [404])
        if response.status == 404 { return .notFound }
        let record = item.flatMap { path in json.flatMap { path.value(in: $0) } } ?? json
        if let record, isDeleted(record) { return .notFound }
        guard let record, idField.value(in: record)?.stringValue == remoteID else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: nil,
                reason: "GET-one for \(remoteID) did not return that assistant"
            )
        }
        return .found(RemoteRecord(remoteID: remoteID, raw: record))
    }
}
