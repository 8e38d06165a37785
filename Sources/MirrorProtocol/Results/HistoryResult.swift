import MirrorCore

/// `history`: who the assistant is, and every revision of it, oldest first.
public struct HistoryResult: Sendable, Equatable, JSONObjectCodable {
    public let assistant: AssistantHeader
    public let revisions: [RevisionEntry]

    public init(assistant: AssistantHeader, revisions: [RevisionEntry]) {
        self.assistant = assistant
        self.revisions = revisions
    }

    public func encode(into object: inout JSONObject) {
        object["assistant"] = assistant.json
        object["revisions"] = .array(revisions.map(\.json))
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(assistant: try object.decode("assistant"), revisions: try object.array("revisions"))
    }
}
