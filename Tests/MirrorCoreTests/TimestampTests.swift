import Foundation
import TestSupport
import Testing

@testable import MirrorCore

@Suite("Timestamp")
struct TimestampTests {
    /// Seconds since 1970 of civil UTC times, computed with Python's `datetime` as an independent witness.
    @Test(
        "formats known instants, before 1970 and after 2100 included",
        arguments: [
            (0, "1970-01-01T00:00:00.000Z"),
            (-14_182_940, "1969-07-20T20:17:40.000Z"),
            (-2_208_988_800, "1900-01-01T00:00:00.000Z"),
            (-62_135_596_800, "0001-01-01T00:00:00.000Z"),
            (-11_670_912_000, "1600-03-01T00:00:00.000Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"),
            (1_795_253_400, "2026-11-21T09:30:00.000Z"),
            (4_107_585_600, "2100-03-01T12:00:00.000Z"),
            (13_574_649_599, "2400-02-29T23:59:59.000Z"),
        ] as [(Int64, String)]
    )
    func formatKnown(seconds: Int64, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: Double(seconds))) == expected)
        #expect(Timestamp.parse(expected) == Date(timeIntervalSince1970: Double(seconds)))
    }

    @Test("milliseconds are truncated, never rounded up, on both sides of 1970")
    func millisecondTruncation() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1.9996)) == "1970-01-01T00:00:01.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0.123)) == "1970-01-01T00:00:00.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_253_400.123)) == "2026-11-21T09:30:00.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.0004)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(Timestamp.normalize("2026-11-21T09:30:00.123999999Z") == "2026-11-21T09:30:00.123Z")
        #expect(Timestamp.normalize("1969-12-31T23:59:59.9999Z") == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.normalize("2025-05-02T02:36:10.686259") == "2025-05-02T02:36:10.686Z")
    }

    @Test(
        "accepts the variants providers send",
        arguments: [
            ("2026-11-21T09:30:00.123Z", "2026-11-21T09:30:00.123Z"),
            ("2026-11-21T09:30:00Z", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21t09:30:00z", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21 09:30:00Z", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21T09:30:00.1Z", "2026-11-21T09:30:00.100Z"),
            ("2026-11-21T09:30:00.12Z", "2026-11-21T09:30:00.120Z"),
            ("2026-11-21T09:30:00.123456789Z", "2026-11-21T09:30:00.123Z"),
            ("2025-05-02T02:36:10.686259", "2025-05-02T02:36:10.686Z"),
            ("2025-05-02T02:36:10", "2025-05-02T02:36:10.000Z"),
            ("2026-11-21T10:30:00.5+01:00", "2026-11-21T09:30:00.500Z"),
            ("2026-11-21T10:30:00+0100", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21T04:30:00-05", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21T15:00:00+05:30", "2026-11-21T09:30:00.000Z"),
            ("2026-11-21T09:30:00-00:00", "2026-11-21T09:30:00.000Z"),
            ("2026-11-20T23:30:00-10:00", "2026-11-21T09:30:00.000Z"),
            ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.000Z"),
            ("2023-12-25", "2023-12-25T00:00:00.000Z"),
            ("2024-02-29", "2024-02-29T00:00:00.000Z"),
            ("2000-02-29T12:00:00Z", "2000-02-29T12:00:00.000Z"),
            ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"),
            ("9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999Z"),
            ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ]
    )
    func acceptedVariants(input: String, normalized: String) throws {
        #expect(Timestamp.normalize(input) == normalized)
        let date = try #require(Timestamp.parse(input))
        #expect(Timestamp.format(date) == normalized)
    }

    @Test(
        "rejects anything else",
        arguments: [
            "", "garbage", "2026", "2026-11", "2026-11-21T", "2026-11-21T09:30", "2026-11-21T09:30Z",
            "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2023-02-29", "1900-02-29", "2023-02-30",
            "2026-11-21T24:00:00Z", "2026-11-21T09:60:00Z", "2026-11-21T09:30:60Z", "2026-11-21T09:30:00.Z",
            "2026-11-21T09:30:00.1234567890Z", "2026-11-21T09:30:00+24:00", "2026-11-21T09:30:00+01:60",
            "2026-11-21T09:30:00+1", "2026-11-21T09:30:00+01:", "2026-11-21T09:30:00+01:0", "2026-11-21T09:30:00 Z",
            "2026-11-21T09:30:00ZZ", "2026-11-21T09:30:00Z ", " 2026-11-21T09:30:00Z", "2026-11-21X09:30:00Z",
            "26-11-21", "2026-1-21", "2026/11/21", "2026-11-21Z", "2026-11-21T9:30:00Z", "+2026-11-21",
            "２０２６-11-21", "2026-11-21T09:30:00.１Z", "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-01:00",
        ]
    )
    func rejected(input: String) {
        #expect(Timestamp.parse(input) == nil)
        #expect(Timestamp.normalize(input) == nil)
    }

    @Test("format then parse gives the same instant, truncated to the millisecond")
    func roundTrip() throws {
        var generator = SplitMix64(seed: 0x7157)
        // Years 0000 through 9999, as whole microseconds.
        let range: ClosedRange<Int64> = -62_167_219_200_000_000...253_402_300_799_999_999
        for _ in 0..<2000 {
            let microseconds = Int64.random(in: range, using: &generator)
            let date = Date(timeIntervalSince1970: Double(microseconds) / 1e6)
            let text = Timestamp.format(date)
            let parsed = try #require(Timestamp.parse(text))
            #expect(Timestamp.format(parsed) == text)
            #expect(Timestamp.normalize(text) == text)
            let truncation = date.timeIntervalSince1970 - parsed.timeIntervalSince1970
            #expect(truncation > -1e-4 && truncation < 1e-3, "\(text)")
        }
    }

    @Test("calendar fields agree with Foundation's Gregorian calendar from 1600 to 9999")
    func agreesWithFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let seconds = Int64.random(in: -11_670_912_000...253_402_300_799, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds))
            let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected =
                "\(pad(fields.year!, 4))-\(pad(fields.month!, 2))-\(pad(fields.day!, 2))T"
                + "\(pad(fields.hour!, 2)):\(pad(fields.minute!, 2)):\(pad(fields.second!, 2)).000Z"
            #expect(Timestamp.format(date) == expected)
        }
    }

    @Test("every day of a leap and a common year formats and parses back")
    func everyDay() throws {
        for (year, dayCount) in [(2024, 366), (2023, 365), (1900, 365), (2000, 366)] {
            let newYear = try #require(Timestamp.parse("\(year)-01-01"))
            var previous = ""
            for dayIndex in 0..<dayCount {
                let text = Timestamp.format(newYear.addingTimeInterval(Double(dayIndex) * 86_400))
                #expect(text.hasPrefix("\(year)-"))
                #expect(text > previous)
                #expect(Timestamp.parse(text) == newYear.addingTimeInterval(Double(dayIndex) * 86_400))
                previous = text
            }
            #expect(
                Timestamp.format(newYear.addingTimeInterval(Double(dayCount) * 86_400))
                    == "\(year + 1)-01-01T00:00:00.000Z"
            )
        }
    }

    @Test("text order is time order")
    func ordersAsText() {
        var generator = SplitMix64(seed: 7)
        let dates = (0..<1000).map { _ in
            Date(
                timeIntervalSince1970: Double(
                    Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &generator)
                ) / 1000
            )
        }
        let byTime = dates.sorted().map(Timestamp.format)
        let byText = dates.map(Timestamp.format).sorted()
        #expect(byTime == byText)
    }

    @Test("dates beyond the four-digit years are clamped, not garbled")
    func clamping() {
        #expect(Timestamp.format(.distantFuture) == "4001-01-01T00:00:00.000Z")
        // Foundation's distantPast is 1 January 1 in the Julian calendar: two days earlier, proleptic Gregorian.
        #expect(Timestamp.format(.distantPast) == "0000-12-30T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
    }

    @Test("now is in the project format and parses back")
    func now() throws {
        let text = Timestamp.now()
        #expect(text.utf8.count == 24)
        #expect(Timestamp.normalize(text) == text)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
