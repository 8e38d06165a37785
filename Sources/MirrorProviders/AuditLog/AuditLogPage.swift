import MirrorCore

/// One reply of the audit log, checked against the document: an object with `data`, an array of event
/// objects, each with a non-empty string `id`, a `created_at` date-time and string-or-null
/// `resource_id`, `user_id`, `change_made_by` and `change_type`.
struct AuditLogPage {
    let json: JSONValue?
    let provider: ProviderKind
    let page: Int

    func events() throws -> [AuditEvent] {
        guard let json, case .object = json else {
            throw malformed("expected an object with the events at 'data', found \(json?.typeName ?? "nothing")")
        }
        guard let items = json["data"]?.arrayValue else {
            throw malformed("'data' should be an array of events, found \(json["data"]?.typeName ?? "nothing")")
        }
        return try items.enumerated().map { index, item in try event(item, index: index) }
    }

    /// `meta.total_pages`, when the reply has it.
    func totalPages() throws -> Int? {
        switch json?["meta"]?["total_pages"] {
        case nil, .null?: return nil
        case let value?:
            guard let pages = value.intValue, pages >= 0 else {
                throw malformed("'meta.total_pages' should be a whole number, found \(value.typeName)")
            }
            return pages
        }
    }

    private func event(_ item: JSONValue, index: Int) throws -> AuditEvent {
        guard case .object = item else { throw malformed("event \(index) is \(item.typeName), not an object") }
        guard let id = item["id"]?.stringValue, !id.isEmpty else {
            throw malformed("event \(index) has no string 'id' (found \(item["id"]?.typeName ?? "missing"))")
        }
        guard let createdText = item["created_at"]?.stringValue, let createdAt = Timestamp.normalize(createdText)
        else {
            throw malformed(
                "event \(id) has no ISO 8601 'created_at' such as 2026-11-01T09:00:00Z "
                    + "(found \(item["created_at"]?.typeName ?? "missing"))"
            )
        }
        return AuditEvent(
            eventID: id,
            resourceID: try optionalString("resource_id", in: item, id: id),
            userID: try optionalString("user_id", in: item, id: id),
            changeMadeBy: try optionalString("change_made_by", in: item, id: id),
            changeType: try optionalString("change_type", in: item, id: id),
            createdAt: createdAt,
            record: item
        )
    }

    private func optionalString(_ key: String, in item: JSONValue, id: String) throws -> String? {
        switch item[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case let other?: throw malformed("event \(id): '\(key)' should be a string or null, found \(other.typeName)")
        }
    }

    private func malformed(_ reason: String) -> AuditLogError {
        .malformed(provider: provider, page: page, reason: reason)
    }
}
