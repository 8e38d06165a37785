import Foundation

/// The simulator's own JSON value: Sendable, so the world can live behind a mutex, and independent of the
/// mirror's `JSONValue` on purpose (the simulator must not share decoding or encoding code with the mirror).
/// It is written to the wire with `JSONSerialization`.
enum SimulatedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([SimulatedJSON])
    case object([String: SimulatedJSON])

    /// The Foundation object graph `JSONSerialization` writes.
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.foundationObject)
        case .object(let members): members.mapValues(\.foundationObject)
        }
    }

    /// Converts what a caller of `setField` passes; nil for values JSON cannot hold.
    init?(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let value as SimulatedJSON: self = value
        // What `JSONSerialization` parsed: numbers and booleans are all `NSNumber` (on Linux `1 as? Bool`
        // succeeds), so the number's own type code decides: `c` is a boolean, `d`/`f` a fraction.
        case let number as NSNumber where type(of: value) is NSNumber.Type:
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .number(number.doubleValue)
            default: self = .integer(number.intValue)
            }
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .integer(value)
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let values as [Any]:
            var converted: [SimulatedJSON] = []
            for element in values {
                guard let json = SimulatedJSON(foundation: element) else { return nil }
                converted.append(json)
            }
            self = .array(converted)
        case let members as [String: Any]:
            var converted: [String: SimulatedJSON] = [:]
            for (key, element) in members {
                guard let json = SimulatedJSON(foundation: element) else { return nil }
                converted[key] = json
            }
            self = .object(converted)
        default: return nil
        }
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A string as itself, anything else as compact JSON text with sorted keys (for `SimulatedEdit` values).
    var editText: String {
        if case .string(let value) = self { return value }
        let data = try? JSONSerialization.data(
            withJSONObject: foundationObject,
            options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]
        )
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    subscript(key: String) -> SimulatedJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value at a dotted path (`config.model`, `actions.0.instructions`); numbers index arrays.
    func value(at path: SimulatedFieldPath) -> SimulatedJSON? {
        var current = self
        for component in path.components {
            switch current {
            case .object(let members):
                guard let next = members[component] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Sets the value at a dotted path, creating missing object members along the way; false when the path runs
    /// through a scalar or past the end of an array.
    @discardableResult
    mutating func set(_ newValue: SimulatedJSON, at path: SimulatedFieldPath) -> Bool {
        set(newValue, at: path.components[...])
    }

    private mutating func set(_ newValue: SimulatedJSON, at components: ArraySlice<String>) -> Bool {
        guard let first = components.first else {
            self = newValue
            return true
        }
        switch self {
        case .object(var members):
            var child = members[first] ?? .object([:])
            guard child.set(newValue, at: components.dropFirst()) else { return false }
            members[first] = child
            self = .object(members)
            return true
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return false }
            guard elements[index].set(newValue, at: components.dropFirst()) else { return false }
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}

extension SimulatedJSON {
    /// Parses a request body; nil when it is not JSON.
    init?(parsing data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        self.init(foundation: object)
    }

    /// The JSON kind, for messages and type checks: `string`, `number`, `boolean`, `array`, `object`, `null`.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
