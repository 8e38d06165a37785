import Foundation

/// The project's one timestamp format: RFC 3339 §5.6 `date-time` in UTC with exactly three fraction
/// digits, `2026-11-21T09:30:00.123Z`. Every field has a fixed width, so the text sorts in time order
/// and compares as text in `sqlite3`.
///
/// Parsing and formatting are written by hand over the proleptic Gregorian calendar (Howard Hinnant,
/// "chrono-Compatible Low-Level Date Algorithms": `days_from_civil`, `civil_from_days`) rather than with
/// `DateFormatter`: they run once per record, must be safe from any thread, and need no locale or time zone.
public enum Timestamp {
    /// The text of `date` in the project format. The fraction is truncated, not rounded, to milliseconds,
    /// so a time never moves into the next millisecond. `Date` is a binary floating-point count of
    /// seconds, which stores `.123` as `.12299999…`; truncating that would lose a millisecond, so values
    /// within half a microsecond, or two units in the last place for dates far from 1970, below a
    /// millisecond count as that millisecond. Dates outside years 0000–9999, which only sentinels like
    /// `Date.distantFuture` approach, are clamped so the year keeps four digits.
    public static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard !seconds.isNaN else { return format(epochMilliseconds: earliestMilliseconds) }
        let milliseconds = min(max(seconds * 1000, Double(earliestMilliseconds)), Double(latestMilliseconds))
        let slack = max(0.0005, 2 * milliseconds.ulp)
        let truncated = Int64((milliseconds + slack).rounded(.down))
        return format(epochMilliseconds: min(truncated, latestMilliseconds))
    }

    /// The current time in the project format.
    public static func now() -> String {
        format(Date())
    }

    /// Reads a timestamp as providers send it. Accepted, beyond strict RFC 3339 §5.6:
    /// - a fraction of 1–9 digits, or none;
    /// - a zone of `Z`/`z`, `±hh:mm`, `±hhmm`, `±hh`, or none, which means UTC (PureTalk sends
    ///   `2025-05-02T02:36:10.686259`);
    /// - `T`, `t` or a space between date and time (RFC 3339 §5.6, note);
    /// - a plain `full-date` such as `2023-12-25`, meaning midnight UTC (Invent's old schema).
    ///
    /// Returns nil for anything else, including impossible dates (`2023-02-30`, month 13), hour 24,
    /// second 60 (provider clocks run on POSIX time, which has no leap seconds) and instants that an
    /// offset moves outside years 0000–9999 UTC.
    public static func parse(_ text: String) -> Date? {
        guard let instant = instant(of: text) else { return nil }
        return Date(timeIntervalSince1970: Double(instant.seconds) + Double(instant.nanoseconds) / 1e9)
    }

    /// `text` rewritten in the project format, or nil when `parse` would reject it. Works on the parsed
    /// fields directly, so digits beyond the millisecond are truncated exactly, with no floating point.
    public static func normalize(_ text: String) -> String? {
        guard let instant = instant(of: text) else { return nil }
        return format(epochMilliseconds: instant.seconds * 1000 + Int64(instant.nanoseconds / 1_000_000))
    }

    // MARK: - Formatting

    /// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z, in milliseconds since 1970.
    private static let earliestMilliseconds: Int64 = -62_167_219_200_000
    private static let latestMilliseconds: Int64 = 253_402_300_799_999

    private static let formattedByteCount = 24

    private static func format(epochMilliseconds: Int64) -> String {
        let days = floorDivide(epochMilliseconds, by: 86_400_000)
        let millisecondOfDay = Int(epochMilliseconds - days * 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        return String(unsafeUninitializedCapacity: formattedByteCount) { buffer in
            var position = 0
            func put(_ value: Int, width: Int) {
                var remaining = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                position += width
            }
            func put(_ separator: Unicode.Scalar) {
                buffer[position] = UInt8(ascii: separator)
                position += 1
            }
            put(Int(year), width: 4)
            put("-")
            put(month, width: 2)
            put("-")
            put(day, width: 2)
            put("T")
            put(millisecondOfDay / 3_600_000, width: 2)
            put(":")
            put(millisecondOfDay / 60_000 % 60, width: 2)
            put(":")
            put(millisecondOfDay / 1000 % 60, width: 2)
            put(".")
            put(millisecondOfDay % 1000, width: 3)
            put("Z")
            return position
        }
    }

    private static func floorDivide(_ dividend: Int64, by divisor: Int64) -> Int64 {
        let quotient = dividend / divisor
        return dividend % divisor < 0 ? quotient - 1 : quotient
    }

    // MARK: - Calendar (Hinnant)

    /// Days since 1970-01-01 of a proleptic Gregorian date (`days_from_civil`).
    private static func days(fromYear year: Int64, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01 (`civil_from_days`).
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(_ month: Int, ofYear year: Int64) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: - Parsing

    /// A parsed instant: whole seconds since 1970 (floored) and the nanoseconds after them.
    private struct Instant {
        var seconds: Int64
        var nanoseconds: Int
    }

    private static func instant(of text: String) -> Instant? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            return scanner.scanInstant()
        }
    }

    /// Reads the grammar of `parse` left to right; every `scan…` returns nil at the first byte that does
    /// not fit, and `scanInstant` requires the whole input to be consumed.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var atEnd: Bool { position == bytes.count }

        mutating func scanInstant() -> Instant? {
            guard let year = scanNumber(digits: 4), scan("-"), let month = scanNumber(digits: 2), scan("-"),
                let day = scanNumber(digits: 2), (1...12).contains(month),
                (1...daysInMonth(month, ofYear: Int64(year))).contains(day)
            else { return nil }
            let midnight = days(fromYear: Int64(year), month: month, day: day) * 86_400
            if atEnd { return Instant(seconds: midnight, nanoseconds: 0) }

            guard scan("T") || scan("t") || scan(" "), let hour = scanNumber(digits: 2), scan(":"),
                let minute = scanNumber(digits: 2), scan(":"), let second = scanNumber(digits: 2),
                hour < 24, minute < 60, second < 60, let nanoseconds = scanFraction(),
                let offsetSeconds = scanZone(), atEnd
            else { return nil }
            let seconds = midnight + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
            // An offset can carry 0000-01-01 or 9999-12-31 past the years the format can write.
            guard (earliestMilliseconds / 1000...latestMilliseconds / 1000).contains(seconds) else {
                return nil
            }
            return Instant(seconds: seconds, nanoseconds: nanoseconds)
        }

        /// `.` and 1–9 digits, scaled to nanoseconds; 0 when there is no fraction.
        mutating func scanFraction() -> Int? {
            guard scan(".") else { return 0 }
            var nanoseconds = 0
            var digitCount = 0
            while let digit = scanDigit() {
                digitCount += 1
                guard digitCount <= 9 else { return nil }
                nanoseconds = nanoseconds * 10 + digit
            }
            guard digitCount > 0 else { return nil }
            for _ in digitCount..<9 { nanoseconds *= 10 }
            return nanoseconds
        }

        /// The zone's offset east of UTC in seconds; 0 for `Z`, `z` or no zone at all.
        mutating func scanZone() -> Int? {
            if atEnd || scan("Z") || scan("z") { return 0 }
            let sign: Int
            if scan("+") {
                sign = 1
            } else if scan("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = scanNumber(digits: 2), hours < 24 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = scan(":")
                guard let scanned = scanNumber(digits: 2), scanned < 60 else { return nil }
                minutes = scanned
            }
            return sign * (hours * 3600 + minutes * 60)
        }

        mutating func scanNumber(digits count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = scanDigit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func scanDigit() -> Int? {
            guard !atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else { return nil }
            defer { position += 1 }
            return Int(bytes[position] - UInt8(ascii: "0"))
        }

        mutating func scan(_ expected: Unicode.Scalar) -> Bool {
            guard !atEnd, bytes[position] == UInt8(ascii: expected) else { return false }
            position += 1
            return true
        }
    }
}
