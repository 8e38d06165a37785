import Foundation

/// Parses the three HTTP-date formats a recipient must accept (RFC 9110 §5.6.7):
///
///     Sun, 06 Nov 1994 08:49:37 GMT    ; IMF-fixdate, the only one senders may generate
///     Sunday, 06-Nov-94 08:49:37 GMT   ; obsolete RFC 850 format
///     Sun Nov  6 08:49:37 1994         ; obsolete ANSI C asctime() format
///
/// Written by hand rather than with `DateFormatter` so that the result never depends on the locale or on
/// the lenient heuristics of a formatter, and so that anything else is rejected instead of guessed at.
enum HTTPDate {
    /// The date, or nil when `text` is in none of the three formats or names an impossible time.
    /// `now` decides the century of an RFC 850 two-digit year.
    static func parse(_ text: String, now: Date) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if fields.count == 6, fields[0].hasSuffix(","), shortWeekdays.contains(String(fields[0].dropLast())),
            fields[5] == "GMT"
        {
            return imfFixdate(fields)
        }
        if fields.count == 4, fields[0].hasSuffix(","), longWeekdays.contains(String(fields[0].dropLast())),
            fields[3] == "GMT"
        {
            return rfc850(fields, now: now)
        }
        if fields.count == 5, shortWeekdays.contains(fields[0]) {
            return asctime(fields)
        }
        return nil
    }

    private static let shortWeekdays: Set = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longWeekdays: Set = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT`: day is exactly two digits, year exactly four.
    private static func imfFixdate(_ fields: [String]) -> Date? {
        guard fields[1].count == 2, fields[3].count == 4, let day = digits(fields[1]), let year = digits(fields[3]),
            let month = months.firstIndex(of: fields[2])
        else { return nil }
        return date(year: year, month: month + 1, day: day, time: fields[4])
    }

    /// `Sunday, 06-Nov-94 08:49:37 GMT`. RFC 9110 §5.6.7: a two-digit year that would be more than 50 years
    /// in the future is taken as the most recent past year with the same last two digits.
    private static func rfc850(_ fields: [String], now: Date) -> Date? {
        let parts = fields[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let day = digits(parts[0]),
            let twoDigitYear = digits(parts[2]), let month = months.firstIndex(of: parts[1])
        else { return nil }
        let currentYear = civilYear(of: now)
        var year = currentYear - currentYear % 100 + twoDigitYear
        if year > currentYear + 50 { year -= 100 }
        return date(year: year, month: month + 1, day: day, time: fields[2])
    }

    /// `Sun Nov  6 08:49:37 1994`: the day is one or two digits (space-padded, so split collapses it).
    private static func asctime(_ fields: [String]) -> Date? {
        guard (1...2).contains(fields[2].count), fields[4].count == 4, let day = digits(fields[2]),
            let year = digits(fields[4]), let month = months.firstIndex(of: fields[1])
        else { return nil }
        return date(year: year, month: month + 1, day: day, time: fields[3])
    }

    /// Validates the calendar fields and `HH:MM:SS` (seconds up to 60 for a leap second, RFC 5322 §3.3)
    /// and converts them to seconds since 1970 in UTC.
    private static func date(year: Int, month: Int, day: Int, time: String) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = digits(clock[0]),
            let minute = digits(clock[1]), let second = digits(clock[2]), hour < 24, minute < 60, second <= 60,
            day >= 1, day <= daysInMonth(month, year: year)
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(((days * 24 + hour) * 60 + minute) * 60 + second))
    }

    private static func digits(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text)
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `days_from_civil` (http://howardhinnant.github.io/date_algorithms.html):
    /// proleptic Gregorian calendar, no time zones, no Foundation `Calendar`.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC year of `date`, by Hinnant's inverse `civil_from_days`.
    private static func civilYear(of date: Date) -> Int {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
    }
}
