/// Paths that name one leaf of a JSON document, as stored in `field_changes.path`: object keys joined
/// with dots and array indices in brackets (`config.instructions`, `actions[0].instructions`). A key
/// that is not a plain identifier is written as a quoted subscript (`headers["X-Api-Key"]`), so no
/// two leaves share a path.
public enum JSONPath {
    /// One leaf: a scalar, or an empty array or object (which would otherwise leave no trace).
    public struct Leaf: Equatable, Sendable {
        public let path: String
        public let value: JSONValue
    }

    public static func leaves(of value: JSONValue) -> [Leaf] {
        var result: [Leaf] = []
        collect(value, path: "", into: &result)
        return result
    }

    private static func collect(_ value: JSONValue, path: String, into result: inout [Leaf]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            for key in members.keys.sorted(by: JSONValue.utf8Precedes) {
                collect(members[key]!, path: appending(key: key, to: path), into: &result)
            }
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                collect(element, path: path + "[\(index)]", into: &result)
            }
        default:
            result.append(Leaf(path: path, value: value))
        }
    }

    public static func appending(key: String, to path: String) -> String {
        let plain =
            !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        if plain { return path.isEmpty ? key : path + "." + key }
        return path + "[" + JSONValue.string(key).canonicalText + "]"
    }

    /// The path with every array index replaced by `*` (`actions[*].instructions`), the form rules match.
    public static func pattern(of path: String) -> String {
        var output = ""
        output.reserveCapacity(path.count)
        var inIndex = false
        for character in path {
            if inIndex {
                if character == "]" {
                    output.append("*]")
                    inIndex = false
                } else if !character.isNumber {
                    // A quoted key subscript, not an index: copy it as it is.
                    output.append(character)
                    inIndex = false
                }
                continue
            }
            output.append(character)
            if character == "[" { inIndex = true }
        }
        return output
    }

    /// The text stored for a leaf: a string as it is (byte for byte), anything else as canonical JSON.
    public static func storedText(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.canonicalText
    }
}

extension JSONPath {
    /// One step of a simple path: an object key or an array index.
    public enum Segment: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    /// The steps of a simple path of plain keys and indices (`config.speech.ttsData[0].voice`); nil when
    /// a bracket holds no index.
    public static func segments(of path: String) -> [Segment]? {
        var segments: [Segment] = []
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var indices: [Segment] = []
            while key.hasSuffix("]"), let open = key.lastIndex(of: "[") {
                guard let index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)]) else { return nil }
                indices.insert(.index(index), at: 0)
                key = key[..<open]
            }
            if !key.isEmpty { segments.append(.key(String(key))) }
            segments += indices
        }
        return segments
    }

    /// The value at a simple path of plain keys and indices (`config.speech.ttsData[0].voice`).
    public static func value(at path: String, in document: JSONValue) -> JSONValue? {
        guard let segments = segments(of: path) else { return nil }
        return value(at: segments, in: document)
    }

    public static func value(at segments: [Segment], in document: JSONValue) -> JSONValue? {
        var current = document
        for segment in segments {
            switch segment {
            case .key(let key):
                guard let member = current[key] else { return nil }
                current = member
            case .index(let index):
                guard let elements = current.arrayValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            }
        }
        return current
    }

    /// A pattern of plain keys, each optionally followed by `[*]` for every element
    /// (`actions[*].updated_at`), split once: the normalizer reads its patterns for every record.
    public struct KeyPattern: Sendable, Equatable {
        public let steps: [Step]

        public struct Step: Sendable, Equatable {
            public let key: String
            public let everyElement: Bool
        }

        public init(_ pattern: String) {
            steps = pattern.split(separator: ".").map { segment in
                let everyElement = segment.hasSuffix("[*]")
                return Step(key: String(everyElement ? segment.dropLast(3) : segment), everyElement: everyElement)
            }
        }
    }

    /// The values at a pattern of plain keys, each optionally followed by `[*]` for every element
    /// (`actions[*].updated_at`). It walks only the named branches: the normalizer calls it for every
    /// record of every crawl, so it must not flatten the whole record.
    public static func values(matching pattern: String, in document: JSONValue) -> [JSONValue] {
        values(matching: KeyPattern(pattern), in: document)
    }

    public static func values(matching pattern: KeyPattern, in document: JSONValue) -> [JSONValue] {
        var current = [document]
        for step in pattern.steps {
            current = current.compactMap { $0[step.key] }
            if step.everyElement { current = current.flatMap { $0.arrayValue ?? [] } }
        }
        return current
    }
}
