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
        // The main prompt is the line diff `promptDiff`; every other prompt-bearing field (Invent's
        // `actions[0].instructions`, a described provider's extra prompts) gets a line diff of its own,
        // so a change `history` calls a prompt change never reads "unchanged" here.
        let isMainPrompt = { (field: FieldChange) in
            field.oldValue == diff.oldPrompt && field.newValue == diff.newPrompt
        }
        let extraPrompts = diff.fields.filter { $0.promptBearing && !isMainPrompt($0) }
        var sections = diff.promptDiff.isEmpty ? [] : [DiffColoring.colored(diff.promptDiff)]
        for field in extraPrompts {
            sections.append(
                DiffColoring.colored(
                    LineDiff.promptText(
                        old: field.oldValue,
                        new: field.newValue,
                        oldLabel: "\(diff.assistant) revision \(diff.from) \(field.path)",
                        newLabel: "\(diff.assistant) revision \(diff.to) \(field.path)"
                    )
                )
            )
        }
        if sections.isEmpty {
            Console.out("prompt: unchanged")
        } else {
            if diff.promptDiff.isEmpty {
                Console.out("the main prompt is unchanged; other prompt-bearing fields changed:")
            }
            Console.out(sections.joined(separator: "\n"))
        }
        let others = diff.fields.filter { !$0.promptBearing && !isMainPrompt($0) }
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
