import Foundation

/// The `Link` response header (RFC 8288 §3): `<uri>; rel="next", <uri>; rel="last"`.
enum LinkHeader {
    /// The target of the first link whose relation types (RFC 8288 §3.3: space-separated, case-
    /// insensitive, quoted or not) include `relation`.
    static func target(of header: String, relation: String) -> String? {
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = String(rest[rest.index(after: open)..<close])
            // The parameters run to the next link (a ',' outside quotes) or the end.
            var parameters = ""
            var inQuotes = false
            var index = rest.index(after: close)
            while index < rest.endIndex {
                let character = rest[index]
                if character == "\"" { inQuotes.toggle() }
                if character == "," && !inQuotes { break }
                parameters.append(character)
                index = rest.index(after: index)
            }
            if relations(in: parameters).contains(relation.lowercased()) { return target }
            rest = rest[index...]
        }
        return nil
    }

    private static func relations(in parameters: String) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else {
                continue
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(["\""]))
            return value.lowercased().split(separator: " ").map(String.init)
        }
        return []
    }
}
