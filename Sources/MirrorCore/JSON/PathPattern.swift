/// A pattern over the paths of `JSONPath`, as a provider description writes them: keys joined with
/// dots, `[*]` for every element of an array, `*` for every member of an object, `**` for any number
/// (zero included) of keys and indices, and a quoted subscript (`headers["X-Api-Key"]`) for a key that
/// is not a plain identifier. `llm_states[*].**.prompt` matches `llm_states[*].prompt` and
/// `llm_states[*].children[*].prompt`.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case anyKey
        case anyIndex
        case anyDepth
    }

    public let steps: [Step]
    public let description: String

    /// Nil when the text is empty, has an empty key (`a..b`) or an unclosed bracket.
    public init?(_ text: String) {
        guard let tokens = Self.tokens(of: text), !tokens.isEmpty else { return nil }
        var steps: [Step] = []
        for token in tokens {
            switch token {
            case "*": steps.append(.anyKey)
            case "**": steps.append(.anyDepth)
            case "[*]": steps.append(.anyIndex)
            default:
                if token.hasPrefix("[") {
                    // A quoted subscript is canonical JSON text of the key (JSONPath.appending).
                    guard case .string(let key)? = try? JSONParser.parse(String(token.dropFirst().dropLast())) else {
                        return nil
                    }
                    steps.append(.key(key))
                } else {
                    steps.append(.key(token))
                }
            }
        }
        self.steps = steps
        self.description = text
    }

    /// The value a pattern of keys only reaches (`data.assistants`, `meta["total pages"]`); nil when a
    /// key is missing or the pattern has a wildcard.
    public func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for step in steps {
            guard case .key(let name) = step, let member = current[name] else { return nil }
            current = member
        }
        return current
    }

    /// The keys of a pattern of keys only; nil when it has a wildcard.
    public var keys: [String]? {
        var keys: [String] = []
        for step in steps {
            guard case .key(let name) = step else { return nil }
            keys.append(name)
        }
        return keys
    }

    /// True when the pattern names one value: keys only, no wildcard.
    public var isSingleValue: Bool {
        steps.allSatisfy { if case .key = $0 { true } else { false } }
    }

    /// True when the pattern of a leaf path (`JSONPath.pattern(of:)`, indices already `[*]`) matches.
    public func matches(pathPattern path: String) -> Bool {
        guard let tokens = Self.tokens(of: path) else { return false }
        return Self.match(steps[...], tokens[...])
    }

    /// The document with every value the pattern reaches replaced by `transform`'s result, or removed
    /// where it returns nil.
    public func rewriting(_ document: JSONValue, _ transform: (JSONValue) -> JSONValue?) -> JSONValue {
        Self.rewrite(document, steps[...], transform) ?? .null
    }

    private static func rewrite(
        _ value: JSONValue,
        _ steps: ArraySlice<Step>,
        _ transform: (JSONValue) -> JSONValue?
    ) -> JSONValue? {
        guard let step = steps.first else { return transform(value) }
        let rest = steps.dropFirst()
        switch (step, value) {
        case (.key(let name), .object(var members)):
            guard let member = members[name] else { return value }
            members[name] = rewrite(member, rest, transform)
            return .object(members)
        case (.anyKey, .object(let members)):
            return .object(members.compactMapValues { rewrite($0, rest, transform) })
        case (.anyIndex, .array(let elements)):
            return .array(elements.compactMap { rewrite($0, rest, transform) })
        case (.anyDepth, _):
            // Zero steps deep first; when that removed or replaced the value there is nothing deeper.
            let here = rewrite(value, rest, transform)
            guard here == value else { return here }
            switch value {
            case .object(let members): return .object(members.compactMapValues { rewrite($0, steps, transform) })
            case .array(let elements): return .array(elements.compactMap { rewrite($0, steps, transform) })
            default: return value
            }
        default:
            return value
        }
    }

    private static func match(_ steps: ArraySlice<Step>, _ tokens: ArraySlice<String>) -> Bool {
        guard let step = steps.first else { return tokens.isEmpty }
        if step == .anyDepth {
            return (0...tokens.count).contains { match(steps.dropFirst(), tokens.dropFirst($0)) }
        }
        guard let token = tokens.first else { return false }
        let fits: Bool
        switch step {
        case .key(let name): fits = token == name || token == "[" + JSONValue.string(name).canonicalText + "]"
        case .anyKey: fits = !token.hasPrefix("[")
        case .anyIndex: fits = token == "[*]"
        case .anyDepth: fits = false
        }
        return fits && match(steps.dropFirst(), tokens.dropFirst())
    }

    /// `a.b[*]["x.y"]` → `a`, `b`, `[*]`, `["x.y"]`; nil for an empty key or an unclosed bracket.
    static func tokens(of text: String) -> [String]? {
        var tokens: [String] = []
        var current = ""
        var index = text.startIndex
        var afterBracket = false
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case ".":
                guard !current.isEmpty || afterBracket else { return nil }
                if !current.isEmpty { tokens.append(current) }
                current = ""
                afterBracket = false
            case "[":
                if !current.isEmpty { tokens.append(current) }
                current = ""
                var inQuotes = false
                var subscriptText = "["
                index = text.index(after: index)
                while index < text.endIndex {
                    let inner = text[index]
                    subscriptText.append(inner)
                    if inner == "\"" && !subscriptText.hasSuffix("\\\"") { inQuotes.toggle() }
                    if inner == "]" && !inQuotes { break }
                    index = text.index(after: index)
                }
                guard index < text.endIndex, subscriptText.count > 2 else { return nil }
                tokens.append(subscriptText)
                afterBracket = true
            default:
                guard !afterBracket || current.isEmpty else { return nil }
                afterBracket = false
                current.append(character)
            }
            index = text.index(after: index)
        }
        guard !text.hasSuffix(".") else { return nil }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
