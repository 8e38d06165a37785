import MirrorCore

/// JSON indented for a person at a terminal: two spaces a level, keys in canonical (sorted) order,
/// scalars exactly as `canonicalText` writes them, so a pipe and a terminal show the same values.
enum PrettyJSON {
    static func text(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + text($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members) where !members.isEmpty:
            let lines = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { key in
                inner + JSONValue.string(key).canonicalText + ": " + text(members[key]!, indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return value.canonicalText
        }
    }
}
