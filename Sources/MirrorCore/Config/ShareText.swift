/// The notation for a share of something (jitter, the mass-deletion guard): a percentage such as `10%`
/// or `12.5%`, or a fraction such as `0.1`. Only plain decimal digits are read, never `nan`, `inf`,
/// exponents or signs, which `Double.init(_:)` would otherwise accept.
enum ShareText {
    static func parse(_ text: String) -> Double? {
        let isPercentage = text.hasSuffix("%")
        let number = isPercentage ? String(text.dropLast()) : text
        let pieces = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard
            pieces.contains(where: { !$0.isEmpty }),
            pieces.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let value = Double(number)
        else { return nil }
        return isPercentage ? value / 100 : value
    }

    /// `0.1` → `10%`, `0.125` → `12.5%`; rounded to a millionth of a percent so binary fractions such as
    /// 0.07 × 100 = 7.000000000000001 print as the user wrote them. When that rounding would change the
    /// value (`0.123456789`), the exact fraction is written instead, so `parse` always reads back the
    /// same share: `check-config` shows what is in effect (found by the `config` fuzz target's invariant).
    static func format(_ share: Double) -> String {
        let percent = (share * 100 * 1_000_000).rounded() / 1_000_000
        let rounded =
            percent == percent.rounded() && abs(percent) < 1e15
            ? "\(Int64(percent))%" : plainDecimal(percent) + "%"
        return parse(rounded) == share ? rounded : plainDecimal(share)
    }

    /// The shortest decimal that reads back as `value` (Swift's `description`), with an exponent such as
    /// `1e-08` written out as `0.00000001`, since `parse` takes plain digits only.
    static func plainDecimal(_ value: Double) -> String {
        let text = "\(value.magnitude)"
        guard let exponentMark = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: exponentMark)...])
        else { return value.sign == .minus ? "-" + text : text }
        let mantissa = text[..<exponentMark]
        let digits = mantissa.filter { $0 != "." }
        let pointOffset =
            (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
                ?? mantissa.count) + exponent
        let plain: String
        if pointOffset <= 0 {
            plain = "0." + String(repeating: "0", count: -pointOffset) + digits
        } else if pointOffset >= digits.count {
            plain = digits + String(repeating: "0", count: pointOffset - digits.count)
        } else {
            plain = String(digits.prefix(pointOffset)) + "." + String(digits.dropFirst(pointOffset))
        }
        return value.sign == .minus ? "-" + plain : plain
    }
}
