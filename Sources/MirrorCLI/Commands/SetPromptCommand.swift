import Foundation
import MirrorCore
import MirrorProtocol
import MirrorServer

/// `set-prompt ID (--file F | --text T) --reason TEXT [--dry-run] [--force]`: writes a new main prompt
/// to the provider through the daemon, and records who did it and why.
struct SetPromptCommand: Command {
    let name = "set-prompt"
    let summary = "write a new main prompt to the provider through the daemon, recording you as its editor"
    let arguments = "ID"
    let options: [ParsedArguments.Option] =
        [
            .value("file", "F", "the new prompt, whole, from this file (- reads standard input)"),
            .value("text", "T", "the new prompt, whole, as this text"),
        ] + PromptWriteView.options
    let discussion = PromptWriteView.discussion

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments)
        let prompt: String
        switch (arguments.value("file"), arguments.value("text")) {
        case (let path?, nil): prompt = try Self.read(path)
        case (nil, let text?): prompt = text
        case (nil, nil): throw UsageError("give the new prompt with --file F or --text T")
        case (.some, .some): throw UsageError("give the new prompt once: --file F or --text T, not both")
        }
        return try PromptWriteView.send(.prompt(prompt), assistant: id, arguments)
    }

    /// The file's bytes as UTF-8 text; the error names the file and what is wrong with it.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read --file \(path): no such file, or not readable by you", status: .usage)
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("--file \(path) is not UTF-8 text; prompts are sent as JSON strings", status: .usage)
        }
        return text
    }
}

/// `revert ID REV --reason TEXT [--dry-run] [--force]`: writes revision REV's main prompt back.
struct RevertCommand: Command {
    let name = "revert"
    let summary = "write an earlier revision's main prompt back to the provider through the daemon"
    let arguments = "ID REV"
    let options = PromptWriteView.options
    let discussion =
        "REV is a revision number of the assistant, as `history ID` lists them.\n\n"
        + PromptWriteView.discussion

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments, allowingExtra: 1)
        guard arguments.positionals.count == 2 else {
            throw UsageError("give the revision to restore: revert ID REV (REV from `history ID`)")
        }
        let text = arguments.positionals[1]
        guard let revision = Int(text), revision >= 1 else {
            throw UsageError("REV must be a revision number (1, 2, …), not '\(text)'")
        }
        return try PromptWriteView.send(.revision(revision), assistant: id, arguments)
    }
}
