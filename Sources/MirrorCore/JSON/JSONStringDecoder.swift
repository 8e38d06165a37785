/// Decodes one JSON string (RFC 8259 §7) from UTF-8 bytes, starting at its opening quote. Unescaped
/// runs are copied as they are, so the text is byte-exact; a lone UTF-16 surrogate escape, which no
/// UTF-8 text can hold, becomes U+FFFD.
///
/// Strings are most of a provider page's bytes, and a profile of a first mirror had their decoding at
/// 10% of its CPU, over half of it in `String(validating:)`, which is generic and spent a third of its
/// time looking up type metadata. So runs are scanned eight bytes at a time (`JSONValue.needsEscape`)
/// while the high bits of every byte are ORed together: text that is all ASCII is valid UTF-8 by
/// definition (RFC 3629 §3) and goes through `String(decoding:as:)`, which has nothing to repair;
/// only text with a non-ASCII byte is validated, where invalid UTF-8 is still an error.
struct JSONStringDecoder {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read; after `decode()`, one past the closing quote.
    var position: Int

    /// The high bit of every byte copied or decoded so far, ORed.
    private var highBits: UInt64 = 0

    init(bytes: UnsafeBufferPointer<UInt8>, quoteAt position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func decode() throws(JSONParseError) -> String {
        position += 1
        // Invalid UTF-8 is found by validating the whole string at its end, so it is reported at the
        // string's first byte, which is where to look whatever escapes came between.
        let contentStart = position
        position = plainRunEnd(from: position)
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            let text = try string(UnsafeBufferPointer(rebasing: bytes[contentStart..<position]), at: contentStart)
            position += 1
            return text
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(2 * (position - contentStart) + 16)
        decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return try decoded.withUnsafeBufferPointer { run throws(JSONParseError) in
                    try string(run, at: contentStart)
                }
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): decoded.append(0x22)
                case UInt8(ascii: "\\"): decoded.append(0x5C)
                case UInt8(ascii: "/"): decoded.append(0x2F)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape()
                    if !scalar.isASCII { highBits |= 0x80 }
                    decoded.append(contentsOf: UTF8.encode(scalar)!)
                default: throw error("invalid escape sequence")
                }
            default:
                let end = plainRunEnd(from: position)
                if end == position { throw error("unescaped control character in a string") }
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                position = end
            }
        }
    }

    /// One past the run from `start` of bytes that are neither a quote, a backslash nor a control
    /// character, eight bytes at a time while a whole word is such bytes.
    private mutating func plainRunEnd(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if JSONValue.needsEscape(word) { break }
            seen |= word
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
            seen |= UInt64(byte)
            index += 1
        }
        highBits |= seen & 0x8080_8080_8080_8080
        return index
    }

    private func string(_ run: UnsafeBufferPointer<UInt8>, at contentStart: Int) throws(JSONParseError) -> String {
        if highBits == 0 { return String(decoding: run, as: UTF8.self) }
        guard let text = String(validating: run, as: UTF8.self) else {
            throw JSONParseError(offset: contentStart, reason: "string is not valid UTF-8")
        }
        return text
    }

    private func error(_ reason: String) -> JSONParseError { JSONParseError(offset: position, reason: reason) }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// A `\u` escape, joining a UTF-16 surrogate pair written as two escapes (RFC 8259 §7).
    private mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let unit = try hex4()
        if (0xD800...0xDBFF).contains(unit), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
        {
            let save = position
            position += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            position = save
        }
        return Unicode.Scalar(unit) ?? "\u{FFFD}"
    }
}
