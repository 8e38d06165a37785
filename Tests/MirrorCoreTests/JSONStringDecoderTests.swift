import TestSupport
import Testing

@testable import MirrorCore

/// The string decoder scans eight bytes at a time and skips validation for text that is all ASCII, so
/// every offset of a word must still find quotes, escapes, control characters and non-ASCII bytes.
@Suite("JSON string decoding at every offset")
struct JSONStringDecoderTests {
    @Test("a special byte at any offset of a long string is found where it is")
    func specialBytesAtEveryOffset() throws {
        for length in 0..<40 {
            for offset in 0..<max(length, 1) {
                var plain = Array(repeating: UInt8(ascii: "a"), count: length)
                #expect(
                    try JSONParser.parse([0x22] + plain + [0x22]) == .string(String(decoding: plain, as: UTF8.self))
                )
                guard offset < length else { continue }

                plain[offset] = 0x01
                #expect(throws: JSONParseError(offset: 1 + offset, reason: "unescaped control character in a string")) {
                    try JSONParser.parse([0x22] + plain + [0x22])
                }

                plain[offset] = 0xFF
                #expect(throws: JSONParseError(offset: 1, reason: "string is not valid UTF-8")) {
                    try JSONParser.parse([0x22] + plain + [0x22])
                }

                var accented = plain
                accented.replaceSubrange(offset...offset, with: Array("é".utf8))
                let decoded = try JSONParser.parse([0x22] + accented + [0x22])
                #expect(decoded == .string(String(decoding: accented, as: UTF8.self)))
                #expect(decoded.stringValue?.utf8.count == length + 1)

                var escaped = Array(repeating: UInt8(ascii: "a"), count: length)
                escaped.replaceSubrange(offset...offset, with: Array(#"\""#.utf8))
                let quoted = try JSONParser.parse([0x22] + escaped + [0x22])
                #expect(
                    quoted.stringValue?.utf8.map { $0 } == Array(repeating: UInt8(ascii: "a"), count: offset) + [0x22]
                        + Array(repeating: UInt8(ascii: "a"), count: length - offset - 1)
                )
            }
        }
    }

    @Test("an escape that decodes to a non-ASCII character marks the text for validation, and is kept")
    func nonASCIIFromEscapes() throws {
        #expect(try JSONParser.parse(Array(#""abc\u00e9def""#.utf8)) == .string("abcédef"))
        #expect(try JSONParser.parse(Array(#""\ud83d\ude00 ok""#.utf8)) == .string("😀 ok"))
        // ASCII before an escape, an invalid byte after it: still an error at the string's start.
        #expect(throws: JSONParseError(offset: 1, reason: "string is not valid UTF-8")) {
            try JSONParser.parse(Array(#""abcdefgh\nij"#.utf8) + [0xC3] + [0x22])
        }
    }

    @Test("random strings of ASCII, multi-byte characters and escapes round-trip through the canonical form")
    func randomRoundTrips() throws {
        let pieces = ["a", " ", "\"", "\\", "\n", "\t", "\u{1}", "é", "€", "😀", "/", "xxxxxxxx"]
        var generator = SplitMix64(seed: 0x5712_1E55)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let encoded = JSONValue.string(text).canonicalBytes
            #expect(try JSONParser.parse(encoded) == .string(text), "\(text.debugDescription)")
            #expect(try JSONParser.parse(encoded).stringValue.map { Array($0.utf8) } == Array(text.utf8))
        }
    }
}
