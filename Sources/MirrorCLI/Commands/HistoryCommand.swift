import MirrorCore

/// `history ID`: every revision of one assistant.
struct HistoryCommand: Command {
    let name = "history"
    let summary = "list every revision of one assistant, with when it changed and what"
    let arguments = "ID"
    let options = SocketClient.commonOptions
    let discussion = """
        WINDOW is when the change happened: after the previous observation and at or before this one.
        No provider reports who edited an assistant; ACTOR HINT is only a hint (an owner, a team, the account).
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments)
        let result = try SocketClient.connect(arguments).request("history", ["assistant": .string(id)])
        if arguments.flag("json") {
            Console.out(result.canonicalText)
            return .ok
        }
        let assistant = result["assistant"]
        Console.out("\(text(assistant?["account"]))/\(text(assistant?["remote_id"]))  \(text(assistant?["name"]))\n")
        var table = Table([
            .id("REV"), .id("KIND"), .time("WINDOW"), TableColumn.time("PROVIDER UPDATED").optional, "CHANGED",
            TableColumn("WHO", .text).optional,
        ])
        for revision in result["revisions"]?.arrayValue ?? [] {
            let fields = revision["changed_fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
            table.append([
                text(revision["revision"]), text(revision["change_kind"]),
                "\(text(revision["previous_observed_at"])) .. \(text(revision["observed_at"]))",
                text(revision["provider_updated_at"]),
                (revision["prompt_changed"]?.boolValue == true ? "PROMPT " : "") + fields.joined(separator: ", "),
                Self.who(revision),
            ])
        }
        Console.out(table.render())
        return .ok
    }

    /// The editor when a provider reported one; otherwise the hint, marked as one (never as the editor).
    static func who(_ revision: JSONValue) -> String {
        if let editor = revision["changed_by"]?.stringValue { return editor }
        return revision["actor_hint"]?.stringValue.map { "hint: " + $0 } ?? "-"
    }
}
