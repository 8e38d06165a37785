import Foundation
import TestSupport
import Testing

@testable import MirrorCore

@Suite("JSONParser and canonical encoding")
struct JSONParserTests {
    // MARK: - Values and structure

    @Test("parses every kind of value")
    func values() throws {
        let value = try JSONParser.parse(#" { "a" : [ true , false , null , 1.50 , "x" , { } , [ ] ] } "#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .bool(true), .bool(false), .null, .number("1.50"), .string("x"), .object([:]), .array([]),
                    ])
                ])
        )
        #expect(try JSONParser.parse("\t\r\n 42 \n") == .number("42"))
    }

    @Test("accepts String, [UInt8], Data, slices and non-contiguous collections alike")
    func inputKinds() throws {
        let text = #"{"k":["v",1]}"#
        let expected = try JSONParser.parse(text)
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
        #expect(try JSONParser.parse(Data(text.utf8)) == expected)
        #expect(try JSONParser.parse(Array(("  " + text).utf8).dropFirst(2)) == expected)
        #expect(try JSONParser.parse(Array(text.utf8).lazy.map { $0 }) == expected)
    }

    @Test("duplicate keys: the last value wins")
    func duplicateKeys() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#) == .object(["a": .number("3"), "b": .number("2")]))
    }

    @Test(
        "rejects malformed structure",
        arguments: [
            ("", 0), ("   ", 3), ("[", 1), ("{", 1), ("[1,]", 3), ("[1 2]", 3), ("{\"a\" 1}", 5), ("{1:2}", 1),
            ("{\"a\":}", 5), ("{\"a\":1,}", 7), ("{,}", 1), ("[,1]", 1), ("{\"a\":1", 6), ("[1", 2), ("tru", 0),
            ("nul", 0), ("True", 0), ("nulL", 0), ("'a'", 0), ("\u{FEFF}1", 0), ("\u{A0}1", 0), ("\u{0C}1", 0),
        ] as [(String, Int)]
    )
    func malformed(input: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch let error as JSONParseError {
            #expect(error.offset == offset, "\(error)")
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test(
        "rejects trailing data after the value",
        arguments: ["1 2", "{} x", "[]]", "\"a\"\"b\"", "truex", "null null", "{}{}", "0 ,"]
    )
    func trailingData(input: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    }

    @Test("errors say where and why without quoting the input")
    func errorDescription() {
        #expect(throws: JSONParseError(offset: 11, reason: "unexpected data after the JSON value")) {
            try JSONParser.parse(#"{"p":"s3"} hunter2"#)
        }
        let error = JSONParseError(offset: 11, reason: "unexpected data after the JSON value")
        #expect(error.description == "invalid JSON at byte 11: unexpected data after the JSON value")
    }

    // MARK: - Numbers

    @Test(
        "keeps valid number literals as written",
        arguments: [
            "0", "-0", "1", "-1", "10", "1.5", "0.5", "-0.0", "1.50", "1e5", "1E5", "1e+5", "1e-5", "1.5E-10", "-0.0e0",
            "123456789012345678901234567890", "9007199254740993", "1e400",
        ]
    )
    func validNumbers(literal: String) throws {
        #expect(try JSONParser.parse(literal) == .number(literal))
        #expect(try JSONParser.parse("[\(literal)]") == .array([.number(literal)]))
        #expect(try JSONParser.parse(literal).canonicalText == literal)
    }

    @Test(
        "rejects numbers outside the RFC 8259 §6 grammar",
        arguments: [
            "01", "-01", "00", "-", "1.", ".5", "-.5", "+1", "1e", "1e+", "1E-", "1.e5", "0x10", "NaN", "Infinity",
            "-Infinity", "1_000", "[01]", "[1.]", "--1", "1..2", "1ee5",
        ]
    )
    func invalidNumbers(input: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    }

    // MARK: - Strings

    @Test("decodes every escape")
    func escapes() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\u4e2d\u0000""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\tAéé中\u{0}"))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\x""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\'""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\u12""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\u12G4""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\U0041""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""abc\"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""abc"#) }
    }

    @Test("escaped surrogate pairs become one scalar")
    func surrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD83D\uDE00x""#) == .string("😀x"))
        #expect(try JSONParser.parse(#""\ud800\udc00\udbff\udfff""#) == .string("\u{10000}\u{10FFFF}"))
    }

    @Test(
        "lone surrogates become U+FFFD",
        arguments: [
            (#""\ud83d""#, "\u{FFFD}"),
            (#""\ude00""#, "\u{FFFD}"),
            (#""\ud83dx""#, "\u{FFFD}x"),
            (#""\ud83d\u0041""#, "\u{FFFD}A"),
            (#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
            (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
            (#""\ud83d\n""#, "\u{FFFD}\n"),
            (#""a\udfffb""#, "a\u{FFFD}b"),
        ]
    )
    func loneSurrogates(input: String, expected: String) throws {
        let value = try JSONParser.parse(input)
        #expect(value.stringValue.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars))
    }

    @Test(
        "rejects invalid UTF-8 inside strings, before and after an escape",
        arguments: [
            [0xFF], [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC3], [0xF0, 0x9F, 0x98],
        ] as [[UInt8]]
    )
    func invalidUTF8(sequence: [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let escape = Array(#"\n"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse([quote] + sequence + [quote]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([quote] + escape + sequence + [quote]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([quote] + sequence + escape + [quote]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(sequence) }
    }

    @Test("invalid UTF-8 is reported at the start of its string, wherever the escapes are")
    func invalidUTF8Offset() {
        let reason = "string is not valid UTF-8"
        #expect(throws: JSONParseError(offset: 2, reason: reason)) {
            try JSONParser.parse([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D])
        }
        #expect(throws: JSONParseError(offset: 2, reason: reason)) {
            try JSONParser.parse([0x5B, 0x22, 0x61, 0xFF, 0x5C, 0x6E, 0x62, 0x22, 0x5D])
        }
        #expect(throws: JSONParseError(offset: 2, reason: reason)) {
            try JSONParser.parse([0x5B, 0x22, 0x5C, 0x6E, 0x61, 0xFF, 0x22, 0x5D])
        }
    }

    @Test("rejects raw control characters in strings, accepts DEL")
    func controlCharacters() throws {
        for byte in UInt8(0x00)...UInt8(0x1F) {
            #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x61, byte, 0x22]) }
            #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x5C, 0x6E, byte, 0x22]) }
        }
        #expect(try JSONParser.parse([0x22, 0x7F, 0x22]) == .string("\u{7F}"))
    }

    @Test("keeps combining marks as separate scalars")
    func combiningMarks() throws {
        for input in ["\"e\u{301}\"", #""e\u0301""#] {
            let text = try #require(try JSONParser.parse(input).stringValue)
            #expect(Array(text.unicodeScalars) == ["e", "\u{301}"])
        }
    }

    // MARK: - Depth

    @Test("nesting up to the limit is accepted, one level more is rejected")
    func depthLimit() throws {
        func arrays(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        func objects(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        }
        #expect(JSONParser.defaultMaxDepth == 128)
        _ = try JSONParser.parse(arrays(128))
        _ = try JSONParser.parse(objects(128))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(arrays(129)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects(129)) }
        _ = try JSONParser.parse(arrays(32), maxDepth: 32)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(arrays(33), maxDepth: 32) }
        #expect(throws: JSONParseError(offset: 128, reason: "nesting deeper than 128 levels")) {
            try JSONParser.parse(arrays(129))
        }
        // Scalars do not count as a level.
        _ = try JSONParser.parse("[" + arrays(30) + ",1,\"s\"]", maxDepth: 31)
    }

    @Test("a 100,000-deep input is rejected without exhausting the stack")
    func veryDeepInput() {
        let deepArrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deepArrays) }
        let deepObjects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deepObjects) }
    }

    // MARK: - Canonical encoding

    @Test("sorts keys by their UTF-8 bytes and writes no whitespace")
    func canonicalKeyOrder() throws {
        let value = try JSONParser.parse(#"{"b":1, "a":{"z":[1, 2], "y":null}, "B":true, "é":"x", "😀":0, "｡":0, "":0}"#)
        // UTF-8 order: "" < "B" < "a" < "b" < "é" (C3 A9) < "｡" (EF BD A1) < "😀" (F0 9F 98 80). UTF-16 order
        // would put "😀" (D83D) before "｡" (FF61).
        #expect(value.canonicalText == #"{"":0,"B":true,"a":{"y":null,"z":[1,2]},"b":1,"é":"x","｡":0,"😀":0}"#)
        #expect(value.canonicalBytes == Array(value.canonicalText.utf8))
    }

    @Test("key order is by bytes, not by Swift's normalized string order")
    func canonicalKeyOrderIsBytewise() throws {
        // U+212B ANGSTROM SIGN (E2 84 AB) normalizes to U+00C5, which String's `<` puts before "Æ" (U+00C6,
        // C3 86); by UTF-8 bytes "Æ" comes first.
        let value = try JSONParser.parse("{\"\u{212B}\":1,\"Æ\":2}")
        #expect(value.canonicalText == "{\"Æ\":2,\"\u{212B}\":1}")
        #expect("\u{212B}" < "Æ")
    }

    @Test("keys that share their first eight bytes, or differ only past them, still sort by all their bytes")
    func canonicalKeyOrderPastThePrefix() throws {
        // The sort compares an eight-byte prefix first: these keys tie there, or are prefixes of each
        // other, or hold U+0000 (JSON escapes here) where a shorter key is padded with zero bytes.
        let keys = [
            "instructions", "instructionsB", "instructionsA", "instruct", "instructio", #"instru\u0000"#, "instru",
            #"instruct\u0000"#, #"instruct\u0000\u0000"#, "aaaaaaaa", "aaaaaaa", "aaaaaaaaa", "é", #"\u00e9é"#,
        ]
        let members = keys.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",")
        let value = try JSONParser.parse("{" + members + "}")
        guard case .object(let parsed) = value else {
            Issue.record("not an object")
            return
        }
        let expectedOrder = parsed.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let expected =
            "{"
            + expectedOrder.map { "\(JSONValue.string($0).canonicalText):\(parsed[$0]!.canonicalText)" }
            .joined(separator: ",") + "}"
        #expect(value.canonicalText == expected)
        #expect(expectedOrder.first == "aaaaaaa" && expectedOrder.last == "\u{e9}\u{e9}")
    }

    @Test("many random keys come out in UTF-8 byte order")
    func canonicalKeyOrderRandom() {
        var generator = SplitMix64(seed: 0x5EED_CA70)
        let alphabet: [Character] = ["a", "b", "\u{0}", "é", "😀", "Z"]
        var members: [String: JSONValue] = [:]
        for index in 0..<500 {
            let length = Int.random(in: 0...12, using: &generator)
            let key = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            members[key] = .number(String(index))
        }
        let sorted = JSONValue.sortedMembers(members).map(\.key)
        #expect(sorted == members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// Keys are compared on their first sixteen bytes first: keys that share them, that differ at the
    /// sixteenth or seventeenth byte, or that are a prefix of another (with or without a NUL after it)
    /// must still come out in UTF-8 byte order.
    @Test("keys sharing long prefixes come out in UTF-8 byte order")
    func canonicalKeyOrderLongPrefixes() {
        var generator = SplitMix64(seed: 0x016B_77E5)
        let stems = ["chatbot_begin_me", "chatbot_begin_m", "chatbot_begin_mes", "voice_stability", "voice_st"]
        let tails = ["", "\u{0}", "a", "ssage", "é", "😀", "\u{7F}", "\u{80}", "Z"]
        var members: [String: JSONValue] = [:]
        for index in 0..<400 {
            let key =
                stems.randomElement(using: &generator)! + tails.randomElement(using: &generator)!
                + tails.randomElement(using: &generator)!
            members[key] = .number(String(index))
        }
        let sorted = JSONValue.sortedMembers(members).map(\.key)
        #expect(sorted == members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(members.count > 100)
    }

    /// The writer skips eight bytes at a time when none needs an escape; an escape at any offset, next
    /// to multi-byte characters or bytes at 0x7F/0x80, must still be found. Checked against a
    /// byte-at-a-time reference.
    @Test("escapes are found at every offset of long and short strings")
    func canonicalEscapesAtEveryOffset() {
        func reference(_ text: String) -> [UInt8] {
            var output: [UInt8] = [0x22]
            for byte in text.utf8 {
                switch byte {
                case 0x22: output += [0x5C, 0x22]
                case 0x5C: output += [0x5C, 0x5C]
                case 0x0A: output += [0x5C, UInt8(ascii: "n")]
                case 0x0D: output += [0x5C, UInt8(ascii: "r")]
                case 0x09: output += [0x5C, UInt8(ascii: "t")]
                case 0x08: output += [0x5C, UInt8(ascii: "b")]
                case 0x0C: output += [0x5C, UInt8(ascii: "f")]
                case 0x00..<0x20: output += Array(String(format: "\\u%04x", byte).utf8)
                default: output.append(byte)
                }
            }
            return output + [0x22]
        }
        var generator = SplitMix64(seed: 0xE5CA_9E5)
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{80}", "!", "~"]
        for length in 0..<70 {
            for _ in 0..<20 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                #expect(JSONValue.string(text).canonicalBytes == reference(text), "\(Array(text.utf8))")
            }
        }
        for offset in 0..<40 {
            let text = String(repeating: "x", count: offset) + "\"" + String(repeating: "y", count: 17)
            #expect(JSONValue.string(text).canonicalBytes == reference(text))
        }
    }

    @Test("escapes minimally: quote, backslash and control characters only")
    func canonicalEscapes() throws {
        var controls = ""
        for scalar in 0x00...0x1F { controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let value = JSONValue.string(controls + "\"\\/\u{7F}\u{2028}é😀")
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + "\\\"\\\\/\u{7F}\u{2028}é😀\""
        #expect(value.canonicalText == expected)
        #expect(try JSONParser.parse(expected) == value)
    }

    @Test("canonical text does not depend on the input's formatting or escapes")
    func canonicalIgnoresFormatting() throws {
        let compact = try JSONParser.parse(#"{"a":"\u00e9\/","b":[1,{"d":2,"c":3}]}"#)
        let spaced = try JSONParser.parse("{\n  \"b\" : [ 1 , { \"c\" : 3 , \"d\" : 2 } ] ,\n  \"a\" : \"é/\"\n}\n")
        #expect(compact.canonicalText == spaced.canonicalText)
        #expect(compact.canonicalText == #"{"a":"é/","b":[1,{"c":3,"d":2}]}"#)
    }

    @Test(
        "parse → canonicalText → parse is byte-exact",
        arguments: [
            "😀 👩‍👩‍👧 🇯🇵 🏳️‍🌈", "中文提示：请简洁回答。日本語のテキスト、한국어", "مرحبا بالعالم \u{200F}שלום\u{200E} abc",
            "e\u{301} a\u{308}\u{323} \u{1100}\u{1161}", "line one\nline two\r\n\ttabbed\u{0}nul",
            "\u{FEFF}bom \u{2028}\u{2029}",
            "quote \" backslash \\ slash /", "",
        ]
    )
    func roundTrip(text: String) throws {
        try Self.expectByteExactRoundTrip(.string(text))
        try Self.expectByteExactRoundTrip(.object([text: .array([.string(text), .number("-1.0e-3")])]))
    }

    @Test("a 200 KB string round-trips byte-exactly")
    func largeString() throws {
        let unit = "You are a helpful agent. 你好 e\u{301} 😀 \"quoted\" \\ \t\n"
        let text = String(repeating: unit, count: 200_000 / unit.utf8.count + 1)
        #expect(text.utf8.count > 200_000)
        try Self.expectByteExactRoundTrip(.object(["prompt": .string(text)]))
    }

    private static func expectByteExactRoundTrip(_ value: JSONValue) throws {
        let text = value.canonicalText
        let reparsed = try JSONParser.parse(text)
        // Compare bytes: `==` on strings treats canonically equivalent text as equal.
        #expect(reparsed.canonicalBytes == value.canonicalBytes)
        #expect(reparsed.canonicalText == text)
        if case .string(let original) = value {
            #expect(reparsed.stringValue.map { Array($0.unicodeScalars) } == Array(original.unicodeScalars))
        }
    }
}
