import MirrorCore

/// `history`: who the assistant is, and a page of its revisions, oldest first, with the cursor of
/// the next page (`next_before`, null on the last). Asked without paging parameters, it also carries
/// the `summary` of the whole history, and its page is the newest revisions.
///
/// A daemon from before the summary answered such a request with every revision and no cursor; that
/// form still decodes (`summary` nil, `paged` false), so a newer client can talk to it.
public struct HistoryResult: Sendable, Equatable, JSONObjectCodable {
    public let assistant: AssistantHeader
    public let summary: HistorySummary?
    public let revisions: [RevisionEntry]
    /// True when the reply carries `next_before` (a page or a summary).
    public let paged: Bool
    public let nextBefore: Int?
    /// Every attempt to write the assistant's prompt through the mirror, oldest first.
    public let writes: [WriteAttempt]

    public init(
        assistant: AssistantHeader,
        summary: HistorySummary? = nil,
        revisions: [RevisionEntry],
        paged: Bool = false,
        nextBefore: Int? = nil,
        writes: [WriteAttempt] = []
    ) {
        self.assistant = assistant
        self.summary = summary
        self.revisions = revisions
        self.paged = paged
        self.nextBefore = nextBefore
        self.writes = writes
    }

    public func encode(into object: inout JSONObject) {
        object.nest("assistant", assistant)
        if let summary { object.nest("summary", summary) }
        object.nest("revisions", revisions)
        if paged { object["next_before"] = nextBefore.map { JSONValue($0) } ?? .null }
        object.nest("writes", writes)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistant: try object.decode("assistant"),
            summary: try object.optional("summary"),
            revisions: try object.array("revisions"),
            paged: object.has("next_before"),
            nextBefore: try object.optionalInt("next_before"),
            writes: object.has("writes") ? try object.array("writes") : []
        )
    }
}
