import MirrorCore

/// `sync`: the accounts whose crawls were asked for, and with `wait`, how each one went.
public struct SyncResult: Sendable, Equatable, JSONObjectCodable {
    public let triggered: [String]
    /// Present only when the request waited.
    public let outcomes: [SyncOutcome]?

    public init(triggered: [String], outcomes: [SyncOutcome]?) {
        self.triggered = triggered
        self.outcomes = outcomes
    }

    public func encode(into object: inout JSONObject) {
        object["triggered"] = .array(triggered.map(JSONValue.string))
        if let outcomes { object["outcomes"] = .array(outcomes.map(\.json)) }
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            triggered: try object.strings("triggered"),
            outcomes: object.has("outcomes") ? try object.array("outcomes") : nil
        )
    }
}
