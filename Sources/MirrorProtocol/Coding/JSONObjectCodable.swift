import MirrorCore

/// A type with one JSON object form on the socket: `encode(into:)` writes it, `init(from:)` reads it.
/// A type may be a flat part of a larger object (a revision's facts inside a history row), so it
/// writes into an object it is given rather than making its own.
public protocol JSONObjectCodable: Sendable {
    func encode(into object: inout JSONObject)
    init(from object: JSONObject) throws(JSONShapeError)
}

extension JSONObjectCodable {
    /// This value as a JSON object of its own.
    public var json: JSONValue { object.value }

    /// This value as a `JSONObject` of its own: to nest in another, or to write as a reply.
    public var object: JSONObject {
        var object = JSONObject()
        encode(into: &object)
        return object
    }

    public init(json: JSONValue) throws(JSONShapeError) {
        try self.init(from: JSONObject(json, what: "the result"))
    }
}
