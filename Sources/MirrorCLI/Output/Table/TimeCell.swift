import Foundation
import MirrorCore

/// Times in a table cell, shortened for a person at a terminal. Piped output keeps the stored RFC 3339
/// text whole; these forms are only for a terminal, where the full 24 characters would crowd out the
/// columns that matter. Shortened, never cut: every form still names its minute (or second).
enum TimeCell {
    enum Style: Sendable {
        /// Local wall-clock time: `14:03:27` today, `2026-12-03 14:03` on another day.
        case clock
        /// How long ago or until when: `40s ago`, `5m ago`, `in 3m`, `2h ago`; `clock` beyond a day.
        case relative
    }

    /// The project's timestamps (and any RFC 3339 §5.6 date-time) inside a cell such as `A .. B`.
    nonisolated(unsafe) private static let pattern =
        #/\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})/#

    /// `cell` with each timestamp in it rewritten in `style`, seen from `now` in `zone`.
    static func shorten(_ cell: String, style: Style, now: Date, zone: TimeZone) -> String {
        cell.replacing(pattern) { match in
            guard let date = Timestamp.parse(String(match.output)) else { return String(match.output) }
            return format(date, style: style, now: now, zone: zone)
        }
    }

    static func format(_ date: Date, style: Style, now: Date, zone: TimeZone) -> String {
        let offset = date.timeIntervalSince(now)
        if style == .relative, abs(offset) < 86_400 {
            let seconds = Int(abs(offset))
            // One or two units, as a person would say it: 40s, 5m, 2h, 2h15m.
            let span =
                seconds < 60
                ? "\(seconds)s"
                : seconds < 3600
                    ? "\(seconds / 60)m" : "\(seconds / 3600)h" + (seconds % 3600 < 60 ? "" : "\(seconds % 3600 / 60)m")
            return seconds == 0 ? "now" : offset < 0 ? "\(span) ago" : "in \(span)"
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let today = calendar.isDate(date, inSameDayAs: now)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
        let clock = "\(two(parts.hour)):\(two(parts.minute))"
        return today
            ? "\(clock):\(two(parts.second))"
            : "\(parts.year.map(String.init) ?? "????")-\(two(parts.month))-\(two(parts.day)) \(clock)"
    }
}
