import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Formats the simulator's microsecond clock the way each provider writes timestamps.
enum WireTimestamp {
    /// `2026-11-21T09:30:00.123Z`: milliseconds and `Z` (Invent, Telnyx, Interactly).
    static func milliseconds(_ micros: Int64) -> String {
        dateTime(micros) + "." + padded(Int(fraction(micros) / 1000), width: 3) + "Z"
    }

    /// `2025-05-02T02:36:10.686259`: microseconds and no zone designator, as PureTalk's one real sample shows
    /// (research/providers.md §1.3).
    static func microsecondsWithoutZone(_ micros: Int64) -> String {
        dateTime(micros) + "." + padded(Int(fraction(micros)), width: 6)
    }

    static func micros(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The microseconds past the second, 0...999_999 before the epoch too (floor division: -1 µs is
    /// 23:59:59.999999 of the day before, not a negative fraction).
    private static func fraction(_ micros: Int64) -> Int64 {
        let remainder = micros % 1_000_000
        return remainder < 0 ? remainder + 1_000_000 : remainder
    }

    private static func dateTime(_ micros: Int64) -> String {
        var seconds = time_t((micros - fraction(micros)) / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
