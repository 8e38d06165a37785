import MirrorCore

/// `changes`: one page of the change feed, and the cursor to ask for the next one with.
public struct ChangesPage: Sendable, Equatable, JSONObjectCodable {
    public let changes: [ChangeEntry]
    /// The last change's seq, or the cursor asked with when the page is empty.
    public let nextAfter: Int

    public init(changes: [ChangeEntry], nextAfter: Int) {
        self.changes = changes
        self.nextAfter = nextAfter
    }

    public func encode(into object: inout JSONObject) {
        object.nest("changes", changes)
        object["next_after"] = JSONValue(nextAfter)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(changes: try object.array("changes"), nextAfter: try object.int("next_after"))
    }
}
