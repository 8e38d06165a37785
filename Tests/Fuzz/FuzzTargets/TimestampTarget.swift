import Foundation
import MirrorCore

/// `Timestamp.parse` and `Timestamp.normalize`, which read provider `updated_at` fields and socket time
/// bounds. They accept the same texts; a normalized time is the 24-byte project format, normalizes to
/// itself, and formats back from its `Date`. The input's first 8 bytes, read as a Double, also go
/// through `Timestamp.format`, whose output must always be a time `normalize` keeps as it is.
enum TimestampTarget {
    static let target = FuzzTarget(name: "timestamp", check: .synchronous(check))

    static func check(_ input: [UInt8]) throws(InvariantViolation) {
        let text = String(decoding: input, as: UTF8.self)
        let date = Timestamp.parse(text)
        let normalized = Timestamp.normalize(text)
        try expect((date == nil) == (normalized == nil), "parse and normalize disagree on \(text.debugDescription)")
        if let date, let normalized {
            try expect(normalized.utf8.count == 24, "\(normalized) is not in the 24-byte format")
            try expect(Timestamp.normalize(normalized) == normalized, "\(normalized) does not normalize to itself")
            // `format` counts a Date within its float slack below a millisecond as that millisecond, so
            // nanosecond digits just short of one may format one millisecond above the truncated text.
            let formatted = Timestamp.format(date)
            let drift = Timestamp.parse(formatted).map { $0.timeIntervalSince(Timestamp.parse(normalized)!) }
            try expect(
                drift.map { $0 >= 0 && $0 < 0.0015 } == true,
                "\(text.debugDescription) normalizes to \(normalized) but its Date formats as \(formatted)"
            )
        }
        if input.count >= 8 {
            let seconds = input.withUnsafeBytes { Double(bitPattern: $0.loadUnaligned(as: UInt64.self)) }
            let formatted = Timestamp.format(Date(timeIntervalSince1970: seconds))
            try expect(
                Timestamp.normalize(formatted) == formatted,
                "format(\(seconds)) gives \(formatted), which normalize changes"
            )
        }
    }
}
