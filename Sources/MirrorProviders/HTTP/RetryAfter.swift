import Foundation

/// Reads the `Retry-After` response header (RFC 9110 §10.2.3): `Retry-After = HTTP-date / delay-seconds`.
///
/// 429 (RFC 6585 §4) and 503 (RFC 9110 §15.6.4) may carry it. The value is returned unclamped above so
/// that the caller applies its own ceiling (`RetryPolicy.maxServerWait`).
public enum RetryAfter {
    /// How long the server asked us to wait, or nil when the value is neither form.
    ///
    /// - An HTTP-date is measured against the response's own `Date` header when there is one
    ///   (`responseDate`), so a skewed local clock does not stretch or shrink the wait; otherwise against `now`.
    ///   A date already past means "now": the result is never negative.
    /// - delay-seconds is `1*DIGIT` (RFC 9110 §10.2.3), so a sign, a fraction or an exponent is rejected.
    ///   A value too large for 64 bits saturates rather than failing: the server clearly meant "a long time".
    public static func delay(headerValue: String, responseDate: Date?, now: Date) -> Duration? {
        // Field values carry no leading or trailing whitespace (RFC 9110 §5.5), but be generous in what we read.
        let value = headerValue.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return .seconds(Int64(value) ?? Int64.max)
        }
        guard let date = HTTPDate.parse(value, now: now) else { return nil }
        let seconds = date.timeIntervalSince(responseDate ?? now)
        return seconds > 0 ? .seconds(seconds) : .zero
    }
}
