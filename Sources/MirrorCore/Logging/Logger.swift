import Foundation
import Synchronization

/// A small structured logger in the shape of swift-log's `Logger` (a label, a level, metadata).
///
/// Every event is one line on stderr, prefixed with its sd-daemon(3) priority (`<3>` … `<7>`) so the
/// journal files it at the right level, and with no timestamp because the journal adds its own. On a
/// terminal the prefix becomes a word (`error: `, `warning: `) or nothing.
/// Callers must never pass a secret; values known to be secret are `Secret`, which prints masked.
public struct Logger: Sendable {
    /// The levels of swift-log, mapped one-to-one onto syslog priorities.
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case trace, debug, info, notice, warning, error, critical

        /// The sd-daemon(3) prefix: SD_DEBUG `<7>` … SD_CRIT `<2>`.
        public var journalPriority: Int {
            switch self {
            case .trace, .debug: 7
            case .info: 6
            case .notice: 5
            case .warning: 4
            case .error: 3
            case .critical: 2
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where finished lines go; tests install a capturing sink.
    public typealias Sink = @Sendable (String) -> Void

    public let label: String
    public var level: Level
    public var metadata: [String: String]
    private let sink: Sink

    public init(label: String, level: Level = .info, metadata: [String: String] = [:], sink: Sink? = nil) {
        self.label = label
        self.level = level
        self.metadata = metadata
        self.sink = sink ?? Logger.standardError
    }

    /// A logger that drops everything (for tools that have nothing to say).
    public static func silent(label: String = "silent") -> Logger {
        Logger(label: label, level: .critical, sink: { _ in })
    }

    /// The same logger with more metadata, e.g. `logger.with(["account": name])`.
    public func with(_ extra: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        guard level >= self.level else { return }
        var line = "<\(level.journalPriority)>\(label): \(message())"
        let fields = metadata.merging(extra) { _, new in new }
        for key in fields.keys.sorted() {
            line += " \(key)=\(Logger.quoteIfNeeded(fields[key]!))"
        }
        // One event is one line: an embedded newline would split it into two journal entries.
        sink(line.replacingOccurrences(of: "\n", with: "\\n"))
    }

    public func trace(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.trace, message(), extra)
    }
    public func debug(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.debug, message(), extra)
    }
    public func info(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.info, message(), extra)
    }
    public func notice(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.notice, message(), extra)
    }
    public func warning(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.warning, message(), extra)
    }
    public func error(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.error, message(), extra)
    }

    static func quoteIfNeeded(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || value.isEmpty
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }

    /// `line` for a person: the priority prefix becomes `error: ` or `warning: `, and goes for the
    /// levels below, which need no flag.
    public static func readable(_ line: String) -> String {
        guard line.hasPrefix("<"), line.count > 3, line[line.index(line.startIndex, offsetBy: 2)] == ">" else {
            return line
        }
        let body = String(line.dropFirst(3))
        switch line[line.index(after: line.startIndex)] {
        case "0", "1", "2", "3": return "error: " + body
        case "4": return "warning: " + body
        default: return body
        }
    }

    private static let stderrLock = Mutex(())

    /// Under systemd stderr is the journal's stream socket (JOURNAL_STREAM names it, systemd.exec(5)),
    /// never a terminal; piped into a file or another program the prefixes stay for what reads them.
    /// Only a person at a terminal gets words instead.
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Writes whole lines under a lock so that lines from different threads never interleave.
    public static let standardError: Sink = { line in
        let text = standardErrorIsTerminal ? readable(line) : line
        stderrLock.withLock { _ in
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
