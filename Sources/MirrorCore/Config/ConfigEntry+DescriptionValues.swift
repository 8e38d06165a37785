import Foundation

/// The readings of a `[provider "NAME"]` section's values: paths into the API and into its replies.
extension ConfigEntry {
    /// A path under the API root: `/`, then unreserved characters, `/` and the given placeholders.
    func apiPath(placeholders: [String], requiring required: String? = nil) throws(ConfigError) -> String {
        let rule =
            "a URL path starting with '/' (letters, digits, '-', '.', '_', '~', '/'"
            + (placeholders.isEmpty ? ")" : " and \(placeholders.joined(separator: ", ")))")
        var bare = value
        for placeholder in placeholders { bare = bare.replacingOccurrences(of: placeholder, with: "") }
        guard value.hasPrefix("/"), bare.utf8.allSatisfy({ $0.isURLUnreserved || $0 == UInt8(ascii: "/") }) else {
            throw error(value.isEmpty ? "no value; expected \(rule)" : "\(shownValue) is not \(rule)")
        }
        if let required, !value.contains(required) {
            throw error("\(shownValue) has no \(required); write where the assistant's id goes, e.g. /assistants/{id}")
        }
        return value
    }

    /// A path of plain keys (`data.assistants`, `meta["total pages"]`) to one value of a reply.
    func singlePath() throws(ConfigError) -> String {
        guard let pattern = PathPattern(value), pattern.isSingleValue else {
            throw error(
                value.isEmpty
                    ? "no value; expected a field path such as data.assistants"
                    : "\(shownValue) is not a field path of keys joined by '.' (no wildcards), e.g. data.assistants"
            )
        }
        return value
    }

    /// `singlePath()`, or `.` for the reply itself (nil).
    func replyPath() throws(ConfigError) -> String? {
        value == ProviderDescription.wholeReply ? nil : try singlePath()
    }

    /// A record field as the normalizer reads it: keys joined by '.', each optionally indexed
    /// (`config.speech.ttsData[0].voice`).
    func fieldPath() throws(ConfigError) -> String {
        let segments = value.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !value.isEmpty
            && segments.allSatisfy { segment in
                guard let open = segment.firstIndex(of: "[") else { return !segment.isEmpty && !segment.contains("]") }
                let indices = segment[open...]
                return open != segment.startIndex
                    && indices.split(separator: "]").allSatisfy { $0.hasPrefix("[") && Int($0.dropFirst()) != nil }
                    && indices.hasSuffix("]")
            }
        guard valid else {
            throw error(
                "\(shownValue) is not a field path of keys joined by '.' with optional [N] indices, e.g. config.instructions"
            )
        }
        return value
    }

    /// A comma-separated list of path patterns (`actions[*].instructions, llm_states[*].**.prompt`),
    /// or `none`.
    func patterns() throws(ConfigError) -> [PathPattern] {
        if value == ProviderDescription.unsetWord { return [] }
        var result: [PathPattern] = []
        for item in value.split(separator: ",") {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let pattern = PathPattern(text) else {
                throw error(
                    "'\(text)' is not a path pattern; write keys joined by '.', [*] for every element, * for every "
                        + "member, ** for any depth (e.g. actions[*].instructions), or none"
                )
            }
            result.append(pattern)
        }
        return result
    }

    /// A comma-separated list of `Choice` words, or `none`.
    func words<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws(ConfigError) -> [Choice]
    where Choice.RawValue == String {
        if value == ProviderDescription.unsetWord { return [] }
        var result: [Choice] = []
        for item in value.split(separator: ",") {
            let word = item.trimmingCharacters(in: .whitespaces)
            guard let choice = Choice(rawValue: word) else {
                let words = Choice.allCases.map(\.rawValue).joined(separator: ", ")
                throw error("'\(word)' is not one of \(words), or none")
            }
            result.append(choice)
        }
        return result
    }

    /// A query parameter name: unreserved characters plus the brackets of `page[size]` (Telnyx).
    func parameterName() throws(ConfigError) -> String {
        try text(Self.parameterRule) { name in
            name.utf8.allSatisfy { $0.isURLUnreserved || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
        }
    }

    static let parameterRule = "a query parameter name (letters, digits, '-', '.', '_', '~', '[', ']')"
}
