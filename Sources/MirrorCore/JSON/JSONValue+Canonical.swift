#if canImport(Glibc)
import Glibc
#endif

/// The canonical encoding: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
/// strings escaped minimally (only `"`, `\` and U+0000–U+001F, as RFC 8259 §7 requires) and every
/// other character written as itself, numbers as their literal. Equal documents encode to equal bytes,
/// which is what content hashes, the snapshot column and the socket protocol rely on. It follows the
/// spirit of RFC 8785 (JCS) but sorts keys by UTF-8 rather than UTF-16 and keeps number literals.
extension JSONValue {
    public var canonicalText: String {
        String(decoding: canonicalBytes, as: UTF8.self)
    }

    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    /// Where `canonicalBytes(marking:)` wrote the string at the path it was given.
    public struct Mark: Sendable, Equatable {
        /// The byte range of the string's escaped text, between its quotes.
        public var range: Range<Int>
        /// Whether that text holds no escape but `\"` `\\` `\n` `\t` `\r`: its only control characters
        /// are tab, line feed and carriage return.
        public var onlyCommonEscapes: Bool
    }

    /// The canonical bytes, and where the string at `path` went in them (nil when the value there is
    /// not a string or there is none): the store keeps a prompt as such a range of its snapshot
    /// (`PromptSpan`), and finding it while writing costs nothing, where searching for it afterwards
    /// meant escaping the prompt a second time.
    public func canonicalBytes(marking path: [JSONPath.Segment]) -> (bytes: [UInt8], mark: Mark?) {
        var output: [UInt8] = []
        // Snapshots are kilobytes: start near their size rather than doubling up to it from 256.
        output.reserveCapacity(8192)
        var mark: Mark?
        write(to: &output, marking: path[...], mark: &mark)
        return (output, mark)
    }

    public func write(to output: inout [UInt8]) {
        var unused: Mark?
        write(to: &output, marking: nil, mark: &unused)
    }

    /// `path`: the rest of the marked path below this value, or nil when this value is off it.
    private func write(to output: inout [UInt8], marking path: ArraySlice<JSONPath.Segment>?, mark: inout Mark?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal): output.append(contentsOf: literal.utf8)
        case .string(let text):
            let written = Self.writeMarkedString(text, to: &output)
            if path?.isEmpty == true { mark = written }
        case .array(let elements):
            var wanted: Int?
            if case .index(let index)? = path?.first { wanted = index }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output, marking: index == wanted ? path?.dropFirst() : nil, mark: &mark)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            var wanted: String?
            if case .key(let key)? = path?.first { wanted = key }
            output.append(UInt8(ascii: "{"))
            for (index, member) in Self.sortedMembers(members).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output, marking: member.key == wanted ? path?.dropFirst() : nil, mark: &mark)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The members in UTF-8 key order, with their keys so no member is looked up again. Each key's
    /// first sixteen bytes are read once into two integers whose order is theirs (big-endian,
    /// zero-padded: a shorter key is a prefix and sorts first), so most comparisons are integer
    /// compares; equal prefixes fall back to the whole keys. A profile of a first mirror had this sort
    /// at 9% of the CPU when every comparison went through `utf8Precedes`; with eight bytes, keys such
    /// as PureTalk's `chatbot_…` and `voice_st…` still did. The sorted array is returned as it is,
    /// prefixes included, rather than copied into pairs.
    public static func sortedMembers(
        _ members: [String: JSONValue]
    ) -> [(prefix: (UInt64, UInt64), key: String, value: JSONValue)] {
        var keyed = members.map { (prefix: utf8Prefix($0.key), key: $0.key, value: $0.value) }
        if keyed.count > 1 {
            keyed.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : utf8Precedes($0.key, $1.key) }
        }
        return keyed
    }

    /// The first sixteen UTF-8 bytes of `key` as two big-endian integers, zero-padded. Read in place
    /// (`withContiguousStorageIfAvailable`): stepping through `key.utf8` index by index cost as much
    /// as the sort itself.
    static func utf8Prefix(_ key: String) -> (UInt64, UInt64) {
        func load(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) {
                $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(16))))
            }
            return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
        }
        if let words = key.utf8.withContiguousStorageIfAvailable(load) { return words }
        var key = key
        return key.withUTF8(load)
    }

    /// UTF-8 byte order (which is code point order, RFC 3629 §1), compared with memcmp(3) rather than
    /// through a generic sequence comparison.
    static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }

    /// `writeString`, and where the string's escaped text went.
    public static func writeMarkedString(_ text: String, to output: inout [UInt8]) -> Mark {
        let start = output.count + 1
        let onlyCommonEscapes = writeString(text, to: &output)
        return Mark(range: start..<output.count - 1, onlyCommonEscapes: onlyCommonEscapes)
    }

    /// Copies each run of bytes that need no escape in one go; only `"`, `\\` and control bytes are
    /// written one at a time. UTF-8 multi-byte sequences never contain those bytes (RFC 3629 §3), so
    /// scanning bytes is exact. The scan looks at eight bytes at a time while none of them needs an
    /// escape (`needsEscape`): prompts are kilobytes of plain text, and the byte-at-a-time scan was 4%
    /// of a first mirror's CPU.
    /// Returns whether every escape written was one of `\" \\ \n \t \r` (see `Mark`).
    @discardableResult
    public static func writeString(_ text: String, to output: inout [UInt8]) -> Bool {
        output.append(UInt8(ascii: "\""))
        var text = text
        var onlyCommonEscapes = true
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < bytes.count {
                while index + 8 <= bytes.count,
                    !needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    onlyCommonEscapes =
                        onlyCommonEscapes && (byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D)
                    writeEscape(byte, to: &output)
                    runStart = index + 1
                }
                index += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
        return onlyCommonEscapes
    }

    /// Whether one of the eight bytes of `word` is below 0x20, a quote or a backslash: the "has a byte
    /// less than n" and "has a zero byte" tests of Sean Eron Anderson's Bit Twiddling Hacks, which are
    /// exact about whether such a byte exists (only which one may be misreported, and that is
    /// not asked).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (control | quote | backslash) & highBits != 0
    }

    /// Two appends rather than `append(contentsOf: [a, b])`, which builds an array per escape.
    private static func writeEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            output.append(UInt8(ascii: "u"))
            output.append(0x30)
            output.append(0x30)
            output.append(hex.utf8Start[Int(byte >> 4)])
            output.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
