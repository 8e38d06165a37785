import MirrorCore

/// `list`: one page of assistants, with the paging it was asked for.
public struct AssistantsPage: Sendable, Equatable, JSONObjectCodable {
    public let assistants: [AssistantSummary]
    public let limit: Int
    public let offset: Int

    public init(assistants: [AssistantSummary], limit: Int, offset: Int) {
        self.assistants = assistants
        self.limit = limit
        self.offset = offset
    }

    public func encode(into object: inout JSONObject) {
        object.nest("assistants", assistants)
        object["limit"] = JSONValue(limit)
        object["offset"] = JSONValue(offset)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistants: try object.array("assistants"),
            limit: try object.int("limit"),
            offset: try object.int("offset")
        )
    }
}
