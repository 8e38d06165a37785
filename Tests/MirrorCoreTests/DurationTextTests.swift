import Testing

@testable import MirrorCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)),
        ("1h", .seconds(3_600)),
        ("2d", .seconds(172_800)),
        ("1h30m", .seconds(5_400)),
        ("1d2h3m4s5ms", .milliseconds(93_784_005)),
        ("90s", .seconds(90)),
        ("0s", .zero),
        ("007m", .seconds(420)),
    ])
    func parsesUnitsAndCompounds(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: [
        "", "5", "-5m", "+5m", "5 m", " 5m", "5m ", "5min", "5M", "1.5h", "m", "h1",
        "30m1h", "1h1h", "1s1d", "5mm", "1ms1s", "٣s",
        "9223372036854775807ms1ms", "106751991167301d", "99999999999999999999s",
    ])
    func rejects(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func largestRepresentableValueParses() {
        #expect(DurationText.parse("9223372036854775807ms") == .milliseconds(Int64.max))
    }

    @Test(arguments: [
        (Duration.seconds(90), "1m30s"),
        (.seconds(300), "5m"),
        (.seconds(3_600), "1h"),
        (.seconds(90_000), "1d1h"),
        (.milliseconds(1_500), "1s500ms"),
        (.milliseconds(250), "250ms"),
        (.zero, "0s"),
        (.microseconds(1_999), "1ms"),
        (.microseconds(999), "0s"),
        (.seconds(-60), "-1m"),
        (.seconds(-1) - .milliseconds(500), "-1s500ms"),
    ])
    func formatsShortestCompound(duration: Duration, expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test(arguments: [
        Duration.milliseconds(250), .seconds(90), .seconds(86_400), .milliseconds(259_199_999),
        .milliseconds(Int64.max),
    ])
    func formatReadsBack(duration: Duration) {
        #expect(DurationText.parse(DurationText.format(duration)) == duration)
    }

    @Test func extremeDurationsFormatWithoutTrapping() {
        #expect(DurationText.format(.seconds(Int64.min)).hasPrefix("-"))
        #expect(!DurationText.format(.seconds(Int64.max)).isEmpty)
    }

    @Test func secondsAsTimeInterval() {
        #expect(Duration.milliseconds(1_500).seconds == 1.5)
        #expect(Duration.seconds(-2).seconds == -2)
        #expect(Duration.milliseconds(-250).seconds == -0.25)
        #expect(Duration.zero.seconds == 0)
    }
}
