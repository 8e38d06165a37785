/// Admits each key of one section at most once and refuses the keys the section does not know, naming
/// the valid ones (and the nearest, when the key looks like a typo of it).
struct SectionKeyTracker<Key: RawRepresentable & CaseIterable & Hashable> where Key.RawValue == String {
    /// How messages name the section: `[mirror]` or `[account "name"]`.
    let sectionLabel: String
    /// Where each admitted key was set.
    private(set) var lines: [Key: Int] = [:]

    init(sectionLabel: String) {
        self.sectionLabel = sectionLabel
    }

    mutating func admit(_ entry: ConfigEntry) throws(ConfigError) -> Key {
        guard let key = Key(rawValue: entry.key) else {
            let validKeys = Key.allCases.map(\.rawValue)
            let suggestion = Self.nearest(to: entry.key, among: validKeys).map { "did you mean '\($0)'? " } ?? ""
            throw ConfigError(
                file: entry.file,
                line: entry.line,
                key: entry.key,
                message: "unknown key '\(entry.key)' in \(sectionLabel); \(suggestion)"
                    + "valid keys: \(validKeys.joined(separator: ", "))"
            )
        }
        if let firstLine = lines[key] {
            throw ConfigError(
                file: entry.file,
                line: entry.line,
                key: entry.key,
                message: "duplicate key '\(entry.key)' in \(sectionLabel); it is already set on line \(firstLine), "
                    + "keep only one"
            )
        }
        lines[key] = entry.line
        return key
    }

    /// The valid key within two edits (Levenshtein) of `word`, if exactly one is nearest.
    private static func nearest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
        guard let best = scored.map(\.distance).min(), best <= 2 else { return nil }
        let nearest = scored.filter { $0.distance == best }
        return nearest.count == 1 ? nearest[0].candidate : nil
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for (i, byteA) in a.enumerated() {
            var current = [i + 1]
            for (j, byteB) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (byteA == byteB ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
