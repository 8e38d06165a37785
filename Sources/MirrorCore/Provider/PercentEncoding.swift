/// Percent-encoding of one URL component (RFC 3986 §2.1): every UTF-8 byte outside the unreserved set
/// (§2.3: ALPHA / DIGIT / "-" / "." / "_" / "~") becomes `%XX` with uppercase hex digits, so a provider's
/// id stays one path segment and a query value cannot end its parameter.
///
/// Written over bytes because Foundation's `addingPercentEncoding` built a Unicode-wide
/// `CharacterSet` on every call: building each page's URL was 2% of an unchanged re-poll.
public enum PercentEncoding {
    public static func component(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { !isUnreserved($0) }) else { return text }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigit(byte >> 4))
                encoded.append(hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 3986 §2.1: "URI producers … should use uppercase hexadecimal digits".
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") - 10 + nibble
    }
}
