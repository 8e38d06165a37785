import MirrorCore

/// `diff ID [REV [REV]]`: what changed between two revisions (default: the last two).
struct DiffCommand: Command {
    let name = "diff"
    let summary = "show what changed between two revisions: the prompt as a line diff, other fields as old → new"
    let arguments = "ID [REV [REV]]"
    let options = SocketClient.commonOptions
    let discussion = "With one REV, compares it with the revision before; with none, the last two."

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments, allowingExtra: 2)
        var parameters: [String: JSONValue] = ["assistant": .string(id)]
        let revisions = try arguments.positionals.dropFirst().map { value -> Int in
            guard let number = Int(value), number >= 1 else {
                throw UsageError("REV must be a revision number (1, 2, …), not '\(value)'")
            }
            return number
        }
        switch revisions.count {
        case 1: parameters["to"] = .number(String(revisions[0]))
        case 2:
            parameters["from"] = .number(String(revisions[0]))
            parameters["to"] = .number(String(revisions[1]))
        default: break
        }
        let result = try SocketClient.connect(arguments).request("diff", parameters)
        if arguments.flag("json") {
            Console.out(result.canonicalText)
            return .ok
        }
        let promptDiff = result["prompt_diff"]?.stringValue ?? ""
        Console.out(promptDiff.isEmpty ? "prompt: unchanged" : DiffColoring.colored(promptDiff))
        // The main prompt is already shown as a line diff above.
        let others = (result["fields"]?.arrayValue ?? []).filter { field in
            field["path"]?.stringValue != nil
                && !(field["old_value"] == result["old_prompt"] && field["new_value"] == result["new_prompt"])
        }
        if !others.isEmpty {
            Console.out("\nfields:")
            for field in others {
                Console.out(
                    "  \(text(field["path"])): \(Self.short(field["old_value"])) → \(Self.short(field["new_value"]))"
                )
            }
        }
        return .ok
    }

    static func short(_ value: JSONValue?) -> String {
        guard let string = value?.stringValue else { return "(absent)" }
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
