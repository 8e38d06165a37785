import Foundation
import Testing

@testable import MirrorProviders

@Suite("RetryAfter")
struct RetryAfterTests {
    /// The RFC 9110 §5.6.7 example instant, Sun, 06 Nov 1994 08:49:37 GMT.
    static let serverNow = Date(timeIntervalSince1970: 784_111_777)
    /// A local clock that runs an hour ahead of the server's.
    static let skewedLocalNow = serverNow.addingTimeInterval(3600)

    @Test("delay-seconds", arguments: [("0", 0), ("7", 7), ("120", 120), (" 30\t", 30), ("007", 7)])
    func delaySeconds(value: String, seconds: Int64) {
        #expect(RetryAfter.delay(headerValue: value, responseDate: nil, now: Date()) == .seconds(seconds))
    }

    @Test(
        "the three HTTP-date formats, measured against the response's Date header",
        arguments: [
            "Sun, 06 Nov 1994 08:50:37 GMT",  // IMF-fixdate
            "Sunday, 06-Nov-94 08:50:37 GMT",  // RFC 850
            "Sun Nov  6 08:50:37 1994",  // asctime
        ]
    )
    func httpDates(value: String) {
        let delay = RetryAfter.delay(headerValue: value, responseDate: Self.serverNow, now: Self.skewedLocalNow)
        #expect(delay == .seconds(60))
    }

    @Test("without a Date header an HTTP-date is measured against the local clock")
    func dateAgainstLocalClock() {
        let now = Self.serverNow.addingTimeInterval(20)
        let delay = RetryAfter.delay(headerValue: "Sun, 06 Nov 1994 08:50:37 GMT", responseDate: nil, now: now)
        #expect(delay == .seconds(40))
    }

    @Test("a local clock an hour fast would see the date as past; the server's Date keeps the real wait")
    func clockSkew() {
        let value = "Sun, 06 Nov 1994 08:51:37 GMT"
        #expect(RetryAfter.delay(headerValue: value, responseDate: nil, now: Self.skewedLocalNow) == .zero)
        #expect(
            RetryAfter.delay(headerValue: value, responseDate: Self.serverNow, now: Self.skewedLocalNow)
                == .seconds(120)
        )
    }

    @Test("a date in the past means no wait, never a negative one")
    func pastDate() {
        let delay = RetryAfter.delay(
            headerValue: "Sun, 06 Nov 1994 08:00:00 GMT",
            responseDate: Self.serverNow,
            now: Self.serverNow
        )
        #expect(delay == .zero)
    }

    @Test("a delay too large for 64 bits saturates rather than being ignored")
    func absurdSeconds() {
        let delay = RetryAfter.delay(headerValue: "99999999999999999999999999", responseDate: nil, now: Date())
        #expect(delay == .seconds(Int64.max))
    }

    @Test(
        "malformed values yield nil",
        arguments: [
            "", " ", "-5", "+5", "1.5", "1e3", "0x10", "soon", "7 seconds",
            "Sun, 06 Nov 1994 08:49:37 UTC",  // zone must be GMT
            "Sun, 6 Nov 1994 08:49:37 GMT",  // IMF-fixdate day is two digits
            "Sun, 06 Nov 94 08:49:37 GMT",  // IMF-fixdate year is four digits
            "Sun, 31 Feb 1994 08:49:37 GMT",  // no such day
            "Sun, 29 Feb 1900 08:49:37 GMT",  // 1900 is not a leap year
            "Sun, 06 Nov 1994 24:00:00 GMT",  // hour out of range
            "Sun, 06 Nov 1994 08:60:00 GMT",  // minute out of range
            "Sun, 06 Nov 1994 8:49:37 GMT",  // two-digit hour
            "Sun, 06 Foo 1994 08:49:37 GMT",  // unknown month
            "Sonntag, 06-Nov-94 08:49:37 GMT",  // unknown weekday
            "Sunday, 06-Nov-1994 08:49:37 GMT",  // RFC 850 year is two digits
            "Sun Nov  6 08:49:37",  // asctime without year
            "Sun Nov 123 08:49:37 1994",  // asctime day too long
        ]
    )
    func malformed(value: String) {
        #expect(RetryAfter.delay(headerValue: value, responseDate: nil, now: Date()) == nil)
    }

    @Test("a leap second (60) is accepted")
    func leapSecond() {
        let date = HTTPDate.parse("Sat, 31 Dec 2016 23:59:60 GMT", now: Date())
        #expect(date == Date(timeIntervalSince1970: 1_483_228_800))
    }

    @Test("IMF-fixdate converts to the right instant, leap days included")
    func imfFixdateInstant() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Date()) == Self.serverNow)
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT", now: Date()) == Date(timeIntervalSince1970: 0))
        #expect(
            HTTPDate.parse("Tue, 29 Feb 2000 12:00:00 GMT", now: Date()) == Date(timeIntervalSince1970: 951_825_600)
        )
    }

    @Test("RFC 850 two-digit years: more than 50 years ahead means the previous century (RFC 9110 §5.6.7)")
    func rfc850Century() throws {
        let now = try #require(HTTPDate.parse("Thu, 01 Jan 2026 00:00:00 GMT", now: Date()))
        let fiftyAhead = try #require(HTTPDate.parse("Wednesday, 01-Jan-76 00:00:00 GMT", now: now))
        let fiftyOneAhead = try #require(HTTPDate.parse("Friday, 01-Jan-77 00:00:00 GMT", now: now))
        #expect(fiftyAhead == HTTPDate.parse("Wed, 01 Jan 2076 00:00:00 GMT", now: now))
        #expect(fiftyOneAhead == HTTPDate.parse("Sat, 01 Jan 1977 00:00:00 GMT", now: now))
    }
}
