import MirrorCore

/// `history`: who the assistant is, and its revisions, oldest first: all of them, or one page with
/// the cursor of the next (`next_before`, null on the last page; absent when not paged).
public struct HistoryResult: Sendable, Equatable, JSONObjectCodable {
    public let assistant: AssistantHeader
    public let revisions: [RevisionEntry]
    public let paged: Bool
    public let nextBefore: Int?
    /// Every attempt to write the assistant's prompt through the mirror, oldest first.
    public let writes: [WriteAttempt]

    public init(
        assistant: AssistantHeader,
        revisions: [RevisionEntry],
        paged: Bool = false,
        nextBefore: Int? = nil,
        writes: [WriteAttempt] = []
    ) {
        self.assistant = assistant
        self.revisions = revisions
        self.paged = paged
        self.nextBefore = nextBefore
        self.writes = writes
    }

    public func encode(into object: inout JSONObject) {
        object["assistant"] = assistant.json
        object["revisions"] = .array(revisions.map(\.json))
        if paged { object["next_before"] = nextBefore.map { JSONValue($0) } ?? .null }
        object["writes"] = .array(writes.map(\.json))
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        let nextBefore = object["next_before"]
        self.init(
            assistant: try object.decode("assistant"),
            revisions: try object.array("revisions"),
            paged: nextBefore != nil,
            nextBefore: try object.optionalInt("next_before"),
            writes: object.has("writes") ? try object.array("writes") : []
        )
    }
}
