/// One subcommand: its name, its help and its work. `run` returns the exit status.
public protocol Command: Sendable {
    var name: String { get }
    var summary: String { get }
    /// Positional arguments, as shown in usage (`ID [REV [REV]]`).
    var arguments: String { get }
    var options: [ParsedArguments.Option] { get }
    /// Paragraphs after the option list: details, examples.
    var discussion: String { get }
    func run(_ arguments: ParsedArguments) async throws -> ExitStatus
}

extension Command {
    public var arguments: String { "" }
    public var discussion: String { "" }

    public var help: String {
        var text =
            "assistant-mirror \(name)\(arguments.isEmpty ? "" : " " + arguments)\(options.isEmpty ? "" : " [options]")\n\n\(summary)\n"
        let rows = options + [.flag("help", "show this help")]
        let width = rows.map { "--\($0.name)\($0.valueName.map { " " + $0 } ?? "")".count }.max() ?? 0
        text += "\nOptions:\n"
        for option in rows {
            let left = "--\(option.name)\(option.valueName.map { " " + $0 } ?? "")"
            text +=
                "  " + left.padding(toLength: width + 2, withPad: " ", startingAt: 0) + option.help
                + (option.repeatable ? " (repeatable)" : "") + "\n"
        }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        return text
    }
}

/// Exit statuses, documented in README and `--help`.
public enum ExitStatus: Int32, Sendable {
    /// Done.
    case ok = 0
    /// Not found, a failed account or a failed verification.
    case failure = 1
    /// The command line was wrong.
    case usage = 2
    /// The daemon could not be reached, or the configuration could not be used.
    case unavailable = 3
}
