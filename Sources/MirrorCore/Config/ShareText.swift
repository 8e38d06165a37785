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
    /// 0.07 × 100 = 7.000000000000001 print as the user wrote them.
    static func format(_ share: Double) -> String {
        let percent = (share * 100 * 1_000_000).rounded() / 1_000_000
        if percent == percent.rounded(), abs(percent) < 1e15 {
            return "\(Int64(percent))%"
        }
        return "\(percent)%"
    }
}
