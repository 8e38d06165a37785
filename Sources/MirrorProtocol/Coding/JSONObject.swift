import MirrorCore

/// A JSON object being written or read by the protocol's types. Reading names the key and what it
/// should hold, so a malformed reply is reported as precisely as a malformed request.
///
/// Members keep the order they were set in, and a nested row set with `nest` stays an object of this
/// kind instead of becoming a `JSONValue` dictionary, so a reply of many rows is written to canonical
/// bytes (`CanonicalObjectWriter`) without a dictionary built, hashed and sorted for every row.
public struct JSONObject: Sendable, Equatable {
    enum Member: Sendable {
        case value(JSONValue)
        case object(JSONObject)
        case rows(Rows)

        var value: JSONValue {
            switch self {
            case .value(let value): value
            case .object(let object): object.value
            case .rows(let rows): .array((0..<rows.count).map { rows.object(at: $0).value })
            }
        }
    }

    /// The rows of a page as the caller holds them, each encoded only when it is written: the writer
    /// fills one object per row set again and again (`CanonicalObjectWriter`) rather than keeping an
    /// object per row. A profile of `changes` with limit 100 spent a tenth of the request allocating,
    /// growing and freeing those per-row objects.
    struct Rows: Sendable {
        let count: Int
        /// Encodes row `index` into the object given (emptied first by the caller).
        let encode: @Sendable (_ index: Int, _ object: inout JSONObject) -> Void

        init<Row: JSONObjectCodable>(_ rows: [Row]) {
            count = rows.count
            encode = { index, object in rows[index].encode(into: &object) }
        }

        func object(at index: Int) -> JSONObject {
            var object = JSONObject()
            encode(index, &object)
            return object
        }
    }

    private(set) var members: [(key: String, member: Member)] = []
    /// One bit per key set (`keyBit`): a key whose bit is clear is surely new, so setting it appends
    /// without comparing it with every key before it. A row of 19 keys otherwise made 171 comparisons.
    /// A removed key leaves its bit set, which only costs the search again.
    private var keyBits: UInt64 = 0

    public init(_ members: [String: JSONValue] = [:]) {
        self.members = members.map { ($0.key, .value($0.value)) }
        keyBits = members.keys.reduce(0) { $0 | Self.keyBit($1) }
    }

    /// Reads `value` as an object; `what` names it in the error ("the reply", "a row of assistants").
    public init(_ value: JSONValue, what: String) throws(JSONShapeError) {
        guard case .object(let members) = value else {
            throw JSONShapeError("\(what) should be a JSON object, found \(value.typeName)")
        }
        self.init(members)
    }

    public var value: JSONValue {
        .object(Dictionary(members.map { ($0.key, $0.member.value) }, uniquingKeysWith: { _, last in last }))
    }

    public static func == (left: JSONObject, right: JSONObject) -> Bool { left.value == right.value }

    public subscript(key: String) -> JSONValue? {
        get { member(key)?.value }
        set { set(key, newValue.map(Member.value)) }
    }

    /// Sets `key` to a nested object.
    public mutating func nest(_ key: String, _ part: some JSONObjectCodable) {
        set(key, .object(part.object))
    }

    /// Sets `key` to an array of nested objects (the rows of a page).
    public mutating func nest(_ key: String, _ parts: [some JSONObjectCodable]) {
        set(key, .rows(Rows(parts)))
    }

    /// Empties the object and keeps its storage, for the next row of a row set.
    mutating func removeAll() {
        members.removeAll(keepingCapacity: true)
        keyBits = 0
    }

    /// Adds every key of `part` (a flat part of this object: the header of a summary, the facts of a
    /// revision).
    public mutating func merge(_ part: some JSONObjectCodable) {
        part.encode(into: &self)
    }

    /// A key set again keeps its place; nil removes it, as for a dictionary.
    private mutating func set(_ key: String, _ member: Member?) {
        let bit = Self.keyBit(key)
        if keyBits & bit == 0 {
            guard let member else { return }
            keyBits |= bit
            members.append((key, member))
            return
        }
        let index = index(of: key)
        switch (index, member) {
        case (let index?, let member?): members[index].member = member
        case (let index?, nil): members.remove(at: index)
        case (nil, let member?): members.append((key, member))
        case (nil, nil): break
        }
    }

    private func member(_ key: String) -> Member? {
        guard keyBits & Self.keyBit(key) != 0 else { return nil }
        return index(of: key).map { members[$0].member }
    }

    /// The key's bit in `keyBits`, from its length and its last byte (the keys of one object mostly
    /// differ in one or the other).
    private static func keyBit(_ key: String) -> UInt64 {
        let utf8 = key.utf8
        return 1 << ((UInt64(utf8.count) &* 3 &+ UInt64(utf8.last ?? 0)) & 63)
    }

    /// Lengths first: the keys of one object mostly differ in length, a test that costs no call into
    /// String's comparison (which a profile of `changes` showed at 5% for this search alone).
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }

    // MARK: - Reading

    public func has(_ key: String) -> Bool { member(key) != nil }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        switch self[key] {
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
        switch self[key] {
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
        switch self[key] {
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
        try T(from: JSONObject(self[key] ?? .null, what: "\"\(key)\""))
    }

    public func optional<T: JSONObjectCodable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T? {
        guard let value = self[key], value != .null else { return nil }
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
        switch self[key] {
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
