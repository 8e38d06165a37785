import MirrorCore

/// A JSON object being written or read by the protocol's types. Reading names the key and what it
/// should hold, so a malformed reply is reported as precisely as a malformed request.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [String: JSONValue]

    public init(_ members: [String: JSONValue] = [:]) {
        self.members = members
    }

    /// Reads `value` as an object; `what` names it in the error ("the reply", "a row of assistants").
    public init(_ value: JSONValue, what: String) throws(JSONShapeError) {
        guard case .object(let members) = value else {
            throw JSONShapeError("\(what) should be a JSON object, found \(value.typeName)")
        }
        self.members = members
    }

    public var value: JSONValue { .object(members) }

    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// Adds every key of `part` (a flat part of this object: the header of a summary, the facts of a
    /// revision).
    public mutating func merge(_ part: some JSONObjectCodable) {
        part.encode(into: &self)
    }

    // MARK: - Reading

    public func has(_ key: String) -> Bool { members[key] != nil }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw mismatch(key, "a string", other)
        }
    }

    public func string(_ key: String) throws(JSONShapeError) -> String {
        guard let text = try optionalString(key) else { throw missing(key, "a string") }
        return text
    }

    public func optionalInt(_ key: String) throws(JSONShapeError) -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case .number(let literal)?:
            guard let number = Int(literal) else { throw mismatch(key, "an integer", .number(literal)) }
            return number
        case let other?: throw mismatch(key, "an integer", other)
        }
    }

    public func int(_ key: String) throws(JSONShapeError) -> Int {
        guard let number = try optionalInt(key) else { throw missing(key, "an integer") }
        return number
    }

    public func bool(_ key: String) throws(JSONShapeError) -> Bool {
        switch members[key] {
        case .bool(let flag)?: return flag
        case nil, .null?: throw missing(key, "true or false")
        case let other?: throw mismatch(key, "true or false", other)
        }
    }

    public func strings(_ key: String) throws(JSONShapeError) -> [String] {
        var result: [String] = []
        for element in try elements(key) {
            guard let text = element.stringValue else { throw mismatch(key, "an array of strings", element) }
            result.append(text)
        }
        return result
    }

    public func decode<T: JSONObjectCodable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T {
        try T(from: JSONObject(members[key] ?? .null, what: "\"\(key)\""))
    }

    public func optional<T: JSONObjectCodable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T? {
        guard let value = members[key], value != .null else { return nil }
        return try T(from: JSONObject(value, what: "\"\(key)\""))
    }

    public func array<T: JSONObjectCodable>(_ key: String, of type: T.Type = T.self) throws(JSONShapeError) -> [T] {
        var result: [T] = []
        for element in try elements(key) {
            result.append(try T(from: JSONObject(element, what: "an element of \"\(key)\"")))
        }
        return result
    }

    private func elements(_ key: String) throws(JSONShapeError) -> [JSONValue] {
        switch members[key] {
        case .array(let elements)?: return elements
        case nil, .null?: throw missing(key, "an array")
        case let other?: throw mismatch(key, "an array", other)
        }
    }

    private func missing(_ key: String, _ expected: String) -> JSONShapeError {
        JSONShapeError("\"\(key)\" should be \(expected), and is missing")
    }

    private func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> JSONShapeError {
        JSONShapeError("\"\(key)\" should be \(expected), found \(found.typeName)")
    }
}
