/// The duration notation of the configuration file and the CLI: whole numbers with a unit, largest unit
/// first, as in `250ms`, `30s`, `5m`, `1h30m`, `2d`.
///
/// The grammar is deliberately narrower than Go's `time.ParseDuration` (which litestream and many
/// daemons follow): no signs, no fractions, no spaces, each unit at most once and in descending order,
/// so every accepted text has one obvious meaning and `format` can print it back.
public enum DurationText {
    /// The units, largest first, with their length in milliseconds.
    private static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ]

    /// Parses `text`, or returns nil when it is empty, a bare number, signed, fractional, uses an unknown
    /// or repeated unit, puts a smaller unit before a larger one, or exceeds `Int64.max` milliseconds.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var totalMilliseconds: Int64 = 0
        var nextAllowedUnit = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let count = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let symbol = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(symbol.count)
            guard
                let unitIndex = units.firstIndex(where: { $0.symbol == symbol }),
                unitIndex >= nextAllowedUnit
            else { return nil }
            nextAllowedUnit = unitIndex + 1
            let (part, partOverflow) = count.multipliedReportingOverflow(by: units[unitIndex].milliseconds)
            let (sum, sumOverflow) = totalMilliseconds.addingReportingOverflow(part)
            guard !partOverflow, !sumOverflow else { return nil }
            totalMilliseconds = sum
        }
        return .milliseconds(totalMilliseconds)
    }

    /// The shortest text `parse` reads back as `duration`: `90s` gives `1m30s`, `300s` gives `5m`, zero
    /// gives `0s`. Precision is the millisecond; any finer remainder is dropped (truncated toward zero),
    /// and a negative duration is prefixed with `-` (which `parse` then refuses, as it should).
    public static func format(_ duration: Duration) -> String {
        var remaining = wholeMilliseconds(of: duration)
        guard remaining > 0 else { return "0s" }
        var text = duration < .zero ? "-" : ""
        for unit in units {
            let unitLength = UInt64(unit.milliseconds)
            let count = remaining / unitLength
            remaining %= unitLength
            if count > 0 { text += "\(count)\(unit.symbol)" }
        }
        return text
    }

    /// `|duration|` in whole milliseconds, in unsigned arithmetic so `Int64.min` seconds cannot trap;
    /// it saturates at `UInt64.max`, far beyond any interval a configuration holds.
    private static func wholeMilliseconds(of duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        let (fromSeconds, overflow) = seconds.magnitude.multipliedReportingOverflow(by: 1_000)
        // Both components carry the duration's sign, so their magnitudes add.
        let (sum, sumOverflow) = fromSeconds.addingReportingOverflow(attoseconds.magnitude / 1_000_000_000_000_000)
        return overflow || sumOverflow ? .max : sum
    }
}
