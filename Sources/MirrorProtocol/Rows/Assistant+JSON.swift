import MirrorCore

// The socket form of the assistant rows: the view columns of design.md, flat, every column present
// (null when empty), so a reply and a `sqlite3` query speak the same names.

extension AssistantKey: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["account"] = .string(account)
        object["provider"] = .string(provider)
        object["remote_id"] = .string(remoteID)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            account: try object.string("account"),
            provider: try object.string("provider"),
            remoteID: try object.string("remote_id")
        )
    }
}

extension AssistantHeader: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["id"] = JSONValue(id)
        object.merge(key)
        object["name"] = JSONValue(name)
        object["revision"] = JSONValue(revision)
        object["deleted_at"] = JSONValue(deletedAt)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            id: try object.int("id"),
            key: try AssistantKey(from: object),
            name: try object.optionalString("name"),
            revision: try object.int("revision"),
            deletedAt: try object.optionalString("deleted_at")
        )
    }
}

extension AssistantSummary: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(header)
        object["model"] = JSONValue(model)
        object["provider_updated_at"] = JSONValue(providerUpdatedAt)
        object["first_seen_at"] = .string(firstSeenAt)
        object["last_seen_at"] = .string(lastSeenAt)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            header: try AssistantHeader(from: object),
            model: try object.optionalString("model"),
            providerUpdatedAt: try object.optionalString("provider_updated_at"),
            firstSeenAt: try object.string("first_seen_at"),
            lastSeenAt: try object.string("last_seen_at")
        )
    }
}

extension AssistantDetail: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(summary)
        object["prompt"] = JSONValue(prompt)
        object["voice"] = JSONValue(voice)
        object["greeting"] = JSONValue(greeting)
        object["content_hash"] = .string(contentHash)
        object["snapshot"] = snapshot
        object["current_revision"] = currentRevision.map(\.json) ?? .null
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            summary: try AssistantSummary(from: object),
            prompt: try object.optionalString("prompt"),
            voice: try object.optionalString("voice"),
            greeting: try object.optionalString("greeting"),
            contentHash: try object.string("content_hash"),
            snapshot: object["snapshot"] ?? .null,
            currentRevision: try object.optional("current_revision")
        )
    }
}
