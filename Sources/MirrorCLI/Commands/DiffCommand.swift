import MirrorCore
import MirrorProtocol

/// `diff ID [REV [REV]]`: what changed between two revisions (default: the last two).
struct DiffCommand: Command {
    let name = "diff"
    let summary = "show what changed between two revisions: the prompt as a line diff, other fields as old → new"
    let arguments = "ID [REV [REV]]"
    let options = SocketClient.commonOptions
    let discussion = "With one REV, compares it with the revision before; with none, the last two."

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments, allowingExtra: 2)
        let revisions = try arguments.positionals.dropFirst().map { value -> Int in
            guard let number = Int(value), number >= 1 else {
                throw UsageError("REV must be a revision number (1, 2, …), not '\(value)'")
            }
            return number
        }
        let request =
            switch revisions.count {
            case 1: DiffRequest(assistant: id, to: revisions[0])
            case 2: DiffRequest(assistant: id, from: revisions[0], to: revisions[1])
            default: DiffRequest(assistant: id)
            }
        let (json, diff) = try SocketClient.connect(arguments).request(.diff(request), as: DiffResult.self)
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        Console.out(diff.promptDiff.isEmpty ? "prompt: unchanged" : DiffColoring.colored(diff.promptDiff))
        // The main prompt is already shown as a line diff above.
        let others = diff.fields.filter { field in
            !(field.oldValue == diff.oldPrompt && field.newValue == diff.newPrompt)
        }
        if !others.isEmpty {
            Console.out("\nfields:")
            for field in others {
                Console.out("  \(field.path): \(Self.short(field.oldValue)) → \(Self.short(field.newValue))")
            }
        }
        return .ok
    }

    static func short(_ value: String?) -> String {
        guard let string = value else { return "(absent)" }
        let oneLine = string.replacingOccurrences(of: "\n", with: "⏎")
        return oneLine.count > 80 ? String(oneLine.prefix(79)) + "…" : oneLine
    }
}

/// Red and green for a unified diff on a terminal.
enum DiffColoring {
    static func colored(_ diff: String) -> String {
        guard Console.useColor else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("+++") || line.hasPrefix("---") { return Console.color(String(line), "1") }
            if line.hasPrefix("+") { return Console.color(String(line), "32") }
            if line.hasPrefix("-") { return Console.color(String(line), "31") }
            if line.hasPrefix("@@") { return Console.color(String(line), "36") }
            return String(line)
        }.joined(separator: "\n")
    }
}
