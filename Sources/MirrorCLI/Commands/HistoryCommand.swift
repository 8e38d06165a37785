import MirrorCore
import MirrorProtocol

/// `history ID`: every revision of one assistant.
struct HistoryCommand: Command {
    let name = "history"
    let summary = "list every revision of one assistant, with when it changed and what"
    let arguments = "ID"
    let options = SocketClient.commonOptions
    let discussion = """
        WINDOW is when the change happened: after the previous observation and at or before this one.
        WHO is the editor with its source (the provider's audit log, or assistant-mirror for a write through it);
        otherwise "unknown", with a hint (an owner, a team, the account) that is never the editor.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments)
        let (json, history) = try SocketClient.connect(arguments).request(
            .history(HistoryRequest(assistant: id)),
            as: HistoryResult.self
        )
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        let assistant = history.assistant
        Console.out("\(assistant.key.label)  \(cell(assistant.name))\n")
        var table = Table([
            .id("REV"), .id("KIND"), .time("WINDOW"), TableColumn.time("PROVIDER UPDATED").optional, "CHANGED",
            TableColumn("WHO", .text).optional,
        ])
        for revision in history.revisions {
            let facts = revision.facts
            table.append([
                String(facts.revision), facts.changeKind, "\(cell(facts.previousObservedAt)) .. \(facts.observedAt)",
                cell(facts.providerUpdatedAt), ChangesCommand.fields(revision.changed), Self.who(facts),
            ])
        }
        Console.out(table.render())
        if !history.writes.isEmpty {
            Console.out(
                "\nwrites through the mirror:\n" + history.writes.map(PromptWriteView.line).joined(separator: "\n")
            )
        }
        return .ok
    }

    /// The editor with its source when one knows; otherwise the hint, marked as one (never as the editor).
    static func who(_ revision: RevisionFacts) -> String {
        if let editor = revision.editor { return editor }
        return revision.actorHint.map { "unknown, hint: " + $0 } ?? "unknown"
    }
}
