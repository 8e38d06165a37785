/// The size notation of the configuration file: a whole number of bytes, optionally with a binary unit
/// (IEC 80000-13: KiB = 1024 B, MiB, GiB), as in `65536`, `512KiB`, `256MiB`.
///
/// Only the binary units are accepted: `MB` means 10^6 to some readers and 2^20 to others, and a limit
/// should have one meaning.
public enum ByteSizeText {
    private static let units: [(symbol: String, bytes: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]

    /// The size `text` names, or nil when it is empty, signed, fractional, has an unknown unit or overflows.
    public static func parse(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let count = Int(digits) else { return nil }
        let symbol = text.dropFirst(digits.count)
        if symbol.isEmpty || symbol == "B" { return count }
        guard let unit = units.first(where: { $0.symbol == symbol }) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit.bytes)
        return overflow ? nil : bytes
    }

    /// The largest unit that divides `bytes` exactly: `268435456` gives `256MiB`, `1000` gives `1000B`.
    public static func format(_ bytes: Int) -> String {
        for unit in units where bytes > 0 && bytes % unit.bytes == 0 {
            return "\(bytes / unit.bytes)\(unit.symbol)"
        }
        return "\(bytes)B"
    }
}
