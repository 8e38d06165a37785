import MirrorCore
import TestSupport
import Testing

/// `canonicalBytes(marking:)` writes the same bytes as `canonicalBytes` and says where the string at
/// the path went, which is how the store keeps a prompt as a span of its snapshot.
@Suite("Canonical encoding marks the string at a path")
struct CanonicalMarkTests {
    static let alphabet = [
        "a", " ", "\"", "\\", "n", "t", "u", "\n", "\t", "\r", "\u{1}", "\u{8}", "\u{C}", "é", "🙂", "xxxxxxxxx",
    ]

    /// The prompt at `path`, the same text as a decoy under a key that sorts first, and more around it.
    static func document(prompt: String) -> JSONValue {
        [
            "aaa": .string(prompt),
            "actions": .array([["instructions": .string(prompt)], ["instructions": .string(prompt), "n": 1]]),
            "config": ["instructions": .string(prompt), "model": "m"],
            "zzz": .string(prompt),
        ]
    }

    @Test(arguments: [
        ("config.instructions", [JSONPath.Segment.key("config"), .key("instructions")]),
        ("actions[1].instructions", [.key("actions"), .index(1), .key("instructions")]),
        ("zzz", [.key("zzz")]),
    ])
    func theMarkedRangeHoldsTheEscapedStringAtThePath(path: String, segments: [JSONPath.Segment]) throws {
        #expect(JSONPath.segments(of: path) == segments)
        var generator = SplitMix64(seed: 0xC0FF_EE)
        for _ in 0..<300 {
            let prompt = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                Self.alphabet.randomElement(using: &generator)!
            }.joined()
            let document = Self.document(prompt: prompt)
            let (bytes, mark) = document.canonicalBytes(marking: segments)
            #expect(bytes == document.canonicalBytes)
            let found = try #require(mark)
            let literal = JSONValue.string(prompt).canonicalBytes
            #expect(Array(bytes[found.range]) == Array(literal.dropFirst().dropLast()), "\(prompt.debugDescription)")
            #expect(bytes[found.range.lowerBound - 1] == 0x22 && bytes[found.range.upperBound] == 0x22)
            let onlyCommon = prompt.unicodeScalars.allSatisfy {
                $0.value >= 0x20 || [0x09, 0x0A, 0x0D].contains($0.value)
            }
            #expect(found.onlyCommonEscapes == onlyCommon, "\(prompt.debugDescription)")
            // The decoy ("aaa", at byte 8) sorts first, so a search would find it: the mark is the path's own.
            #expect(found.range.lowerBound > 8)
        }
    }

    @Test(arguments: ["config", "config.model.x", "actions[2].instructions", "actions[0].n", "missing", "actions.x"])
    func noMarkWhereThePathHoldsNoString(path: String) throws {
        let document = Self.document(prompt: "p")
        let (bytes, mark) = document.canonicalBytes(marking: try #require(JSONPath.segments(of: path)))
        #expect(mark == nil)
        #expect(bytes == document.canonicalBytes)
    }
}
