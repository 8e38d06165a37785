import Foundation
import MirrorCore

/// Where the CLI writes: results on stdout, errors and progress on stderr, whole lines at a time.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        Logger.standardError(text)
    }

    /// A progress line for long work (stderr, so stdout stays clean for pipes).
    static func progress(_ text: String) {
        Logger.standardError(text)
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width (TIOCGWINSZ, tty_ioctl(4)), else $COLUMNS, else 100.
    static var width: Int {
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var useColor: Bool { isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func color(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
