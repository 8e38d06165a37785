#if canImport(Glibc)
import Glibc
#endif

/// A strict RFC 8259 parser over UTF-8 bytes with a nesting limit.
///
/// Written here rather than taken from `JSONSerialization` because the mirror needs three things that
/// one lacks: number literals kept as text, a depth limit enforced before recursion can exhaust a
/// thread's stack (RFC 8259 §9 lets a parser limit nesting), and errors that say where the input went
/// wrong. Duplicate object keys keep the last value, as most parsers do (RFC 8259 §4 leaves it open).
public struct JSONParser {
    /// The default nesting limit: deep enough for every provider payload seen, shallow enough to be
    /// safe on a 512 KiB thread stack.
    public static let defaultMaxDepth = 128

    /// Parses UTF-8 JSON text. Throws `JSONParseError`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var copy = text
        return try copy.withUTF8 { buffer in try parse(buffer, maxDepth: maxDepth) }
    }

    /// Parses UTF-8 JSON bytes (`Data`, `[UInt8]`, a slice). Throws `JSONParseError`.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        let parsedInPlace = try bytes.withContiguousStorageIfAvailable { try parse($0, maxDepth: maxDepth) }
        if let parsedInPlace { return parsedInPlace }
        return try Array(bytes).withUnsafeBufferPointer { buffer in try parse(buffer, maxDepth: maxDepth) }
    }

    /// Parses, and digests (`RawDigest`) the exact bytes of each element of the array that the object
    /// keys `itemsPath` reach (`[]`: the document itself), so a caller can tell an item that came back
    /// byte for byte unchanged without looking at its value. The digests are empty when no array is
    /// there; with a repeated key they are the last one's, like the value.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        digestingItemsAt itemsPath: [String],
        maxDepth: Int = defaultMaxDepth
    ) throws -> (value: JSONValue, itemDigests: [UInt64]) {
        let parsedInPlace = try bytes.withContiguousStorageIfAvailable {
            try parse($0, maxDepth: maxDepth, itemsPath: itemsPath)
        }
        if let parsedInPlace { return parsedInPlace }
        return try Array(bytes).withUnsafeBufferPointer { try parse($0, maxDepth: maxDepth, itemsPath: itemsPath) }
    }

    /// As `parse(_:digestingItemsAt:)`, but an object item whose digest `isKnown` accepts is not
    /// decoded: it is left out of the array and its digest listed in `skippedDigests` instead. Those
    /// bytes are only delimited, not validated, which is sound because the caller has seen these exact
    /// bytes parse before (that is what makes the digest known).
    public static func parse(
        _ bytes: some Collection<UInt8>,
        digestingItemsAt itemsPath: [String],
        skippingItems isKnown: @escaping (UInt64) -> Bool,
        maxDepth: Int = defaultMaxDepth
    ) throws -> (value: JSONValue, itemDigests: [UInt64], skippedDigests: [UInt64]) {
        let parsedInPlace = try bytes.withContiguousStorageIfAvailable {
            try parse($0, maxDepth: maxDepth, itemsPath: itemsPath, isKnown: isKnown)
        }
        if let parsedInPlace { return parsedInPlace }
        return try Array(bytes).withUnsafeBufferPointer {
            try parse($0, maxDepth: maxDepth, itemsPath: itemsPath, isKnown: isKnown)
        }
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(JSONParseError) -> JSONValue {
        try parse(buffer, maxDepth: maxDepth, itemsPath: nil, isKnown: nil).value
    }

    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        itemsPath: [String]?
    ) throws(JSONParseError) -> (value: JSONValue, itemDigests: [UInt64]) {
        let parsed = try parse(buffer, maxDepth: maxDepth, itemsPath: itemsPath, isKnown: nil)
        return (parsed.value, parsed.itemDigests)
    }

    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        itemsPath: [String]?,
        isKnown: ((UInt64) -> Bool)?
    ) throws(JSONParseError) -> (value: JSONValue, itemDigests: [UInt64], skippedDigests: [UInt64]) {
        var parser = Cursor(bytes: buffer, maxDepth: maxDepth, itemsPath: itemsPath ?? [])
        parser.isKnown = isKnown
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0, itemsPathMatched: itemsPath == nil ? -1 : 0)
        parser.skipWhitespace()
        if parser.position < buffer.count { throw parser.error("unexpected data after the JSON value") }
        return (value, parser.itemDigests, parser.skippedDigests)
    }
}

/// Where and why a JSON text was rejected. The message never quotes the input, which may hold secrets.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let itemsPath: [String]
    var itemDigests: [UInt64] = []
    /// Decides whether an item with this digest may be left undecoded (see `skippedDigests`).
    var isKnown: ((UInt64) -> Bool)?
    var skippedDigests: [UInt64] = []
    var position = 0
    /// One buffer of members per nesting level, reused from object to object: an object's dictionary is
    /// then built once at its final size, where inserting member by member rehashed it at every growth
    /// (dictionary inserts were 5% of a first mirror's CPU).
    var memberBuffers: [[(key: String, value: JSONValue)]] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, itemsPath: [String]) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.itemsPath = itemsPath
    }

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: position, reason: reason) }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// `itemsPathMatched`: how many keys of `itemsPath` lead here, or -1 when this value is off it.
    mutating func parseValue(depth: Int, itemsPathMatched: Int = -1) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1, itemsPathMatched: itemsPathMatched)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1, digestingElements: itemsPathMatched == itemsPath.count)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of input") }
        let start = literal.utf8Start
        for index in 0..<count where bytes[position + index] != start[index] {
            throw error("invalid literal")
        }
        position += count
    }

    mutating func parseObject(depth: Int, itemsPathMatched: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object([:])
        }
        while memberBuffers.count < depth { memberBuffers.append([]) }
        // Taken out while this object fills it, so appending never copies a shared buffer.
        var members = memberBuffers[depth - 1]
        memberBuffers[depth - 1] = []
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            position += 1
            skipWhitespace()
            var matched = -1
            if itemsPathMatched >= 0, itemsPathMatched < itemsPath.count, itemsPath[itemsPathMatched] == key {
                matched = itemsPathMatched + 1
                itemDigests = []
                skippedDigests = []
            }
            members.append((key, try parseValue(depth: depth, itemsPathMatched: matched)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                // A repeated key keeps its last value: later members overwrite earlier ones.
                var object = [String: JSONValue](minimumCapacity: members.count)
                for member in members { object[member.key] = member.value }
                members.removeAll(keepingCapacity: true)
                memberBuffers[depth - 1] = members
                return .object(object)
            case nil: throw error("unexpected end of input inside an object")
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    mutating func parseArray(depth: Int, digestingElements: Bool) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            let start = position
            if digestingElements, let isKnown, let end = objectEnd(from: start) {
                let digest = RawDigest.digest(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                if isKnown(digest) {
                    skippedDigests.append(digest)
                    position = end
                } else {
                    elements.append(try parseValue(depth: depth))
                    itemDigests.append(digest)
                }
            } else {
                elements.append(try parseValue(depth: depth))
                if digestingElements {
                    itemDigests.append(
                        RawDigest.digest(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<position])))
                    )
                }
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case nil: throw error("unexpected end of input inside an array")
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    /// One past the closing brace of the object at `start`, tracking only strings and nesting (nothing
    /// is checked: a decoded item's end is the parser's); nil when no object or the input ends first.
    func objectEnd(from start: Int) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            case UInt8(ascii: "\""):
                guard let close = stringEnd(after: index) else { return nil }
                index = close
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The index of the quote that closes the string opening at `quote`: memchr(3) finds each
    /// candidate, and one preceded by an odd run of backslashes is escaped (RFC 8259 §7).
    func stringEnd(after quote: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = quote + 1
        while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) {
            let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while bytes[candidate - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return candidate }
            from = candidate + 1
        }
        return nil
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, isDigit(first) else { throw error("invalid number") }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, isDigit(digit) else { throw error("invalid number: digit expected after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, isDigit(digit) else { throw error("invalid number: digit expected in exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let byte = current, isDigit(byte) { position += 1 }
    }

    /// Decodes the string whose opening quote is at `position` (`JSONStringDecoder`).
    mutating func parseString() throws(JSONParseError) -> String {
        var decoder = JSONStringDecoder(bytes: bytes, quoteAt: position)
        let text = try decoder.decode()
        position = decoder.position
        return text
    }
}
