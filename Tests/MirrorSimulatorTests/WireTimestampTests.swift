import Foundation
import Testing

@testable import MirrorSimulator

/// Timestamps as the providers write them: never before the Unix epoch, never a negative fraction.
@Suite struct WireTimestampTests {
    /// 5,000 assistants a week apart would begin in the 1920s; the benchmark's 20,000 in the 1640s.
    @Test func aBenchmarkSizedWorldStartsWithinThreeYearsOfItsClock() throws {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: 5_000, includeHugePrompt: false, populatedProviders: [.puretalk])
        )
        let ids = simulator.assistantIDs(.puretalk)
        #expect(ids.count == 5_000)
        let start = ProviderSimulator.Options.defaultClockStart
        let earliest = start.addingTimeInterval(-3 * 365 * 86_400)
        // PureTalk writes `2025-05-02T02:36:10.686259`: microseconds, no zone (research/providers.md §1.3).
        let shape = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$"#)
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        for id in [ids[0], ids[1], ids[ids.count / 2], ids[ids.count - 1]] {
            for field in ["created_at", "updated_at"] {
                let text = try #require(simulator.record(.puretalk, id: id)?[field] as? String)
                #expect(text.wholeMatch(of: shape) != nil, "\(field) \(text)")
                let date = try #require(parser.date(from: String(text.prefix(19))), "\(field) \(text)")
                #expect(date >= earliest && date <= start, "\(field) \(text)")
            }
        }
    }

    @Test func aMicrosecondBeforeTheEpochIsTheLastOneOf1969() {
        #expect(WireTimestamp.microsecondsWithoutZone(-1) == "1969-12-31T23:59:59.999999")
        #expect(WireTimestamp.milliseconds(-1_500) == "1969-12-31T23:59:59.998Z")
        #expect(WireTimestamp.microsecondsWithoutZone(0) == "1970-01-01T00:00:00.000000")
        #expect(WireTimestamp.milliseconds(1_793_523_600_123_456) == "2026-11-01T09:00:00.123Z")
    }
}
