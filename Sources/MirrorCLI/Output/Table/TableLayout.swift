import Foundation

/// Where a table goes. A terminal gets a table fitted to its width, short times and a bold header; a
/// pipe or file gets every value whole (times as stored, RFC 3339 in UTC), for scripts, `grep` and
/// `cut`, however long the lines become.
struct TableLayout: Sendable {
    /// The terminal's width in columns; nil when the output is not a terminal.
    var width: Int?
    var color: Bool
    var now: Date
    var zone: TimeZone

    static let piped = TableLayout(width: nil, color: false, now: Date(), zone: .current)

    static func terminal(
        width: Int,
        color: Bool = false,
        now: Date = Date(),
        zone: TimeZone = .current
    )
        -> TableLayout
    {
        TableLayout(width: width, color: color, now: now, zone: zone)
    }

    /// Standard output's: a terminal's width and colour (Console), else piped.
    static var standardOutput: TableLayout {
        Console.isTerminal ? .terminal(width: Console.width, color: Console.useColor) : .piped
    }
}
