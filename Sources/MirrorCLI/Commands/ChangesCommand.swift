import MirrorCore

/// `changes [--since T] [--follow]`: the feed of revisions across all assistants.
struct ChangesCommand: Command {
    let name = "changes"
    let summary = "list changes across all assistants, oldest first; --follow streams new ones"
    let options: [ParsedArguments.Option] =
        SocketClient.commonOptions + [
            .value("since", "TIME", "changes observed at or after TIME (ISO 8601, or a duration ago: 7d, 12h)"),
            .value("account", "NAME", "only this account"),
            .value("after", "SEQ", "changes after this seq (the cursor a previous call returned)"),
            .value("limit", "N", "at most N changes (1-1000, default 100)"),
            .flag("follow", "keep the connection open and print changes as they are committed"),
        ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        var parameters: [String: JSONValue] = [
            "since": try TimeArgument.parse(arguments.value("since"), option: "since")
        ]
        if let account = arguments.value("account") { parameters["account"] = .string(account) }
        for option in ["after", "limit"] {
            if let value = arguments.value(option) {
                guard Int(value) != nil else { throw UsageError("--\(option) takes a whole number, not '\(value)'") }
                parameters[option] = .number(value)
            }
        }
        let client = try SocketClient.connect(arguments)
        let json = arguments.flag("json")
        if arguments.flag("follow") {
            parameters["follow"] = true
            try client.stream("changes", parameters) { event in
                Console.out(json ? event.canonicalText : Self.line(event))
            }
            return .ok
        }
        let result = try client.request("changes", parameters)
        if json {
            Console.out(result.canonicalText)
            return .ok
        }
        var table = Table([.id("SEQ"), .time("OBSERVED"), .id("ASSISTANT"), "NAME", .id("REV"), .id("KIND"), "CHANGED"])
        for change in result["changes"]?.arrayValue ?? [] {
            table.append([
                text(change["seq"]), text(change["observed_at"]),
                "\(text(change["account"]))/\(text(change["remote_id"]))",
                text(change["name"]), text(change["revision"]), text(change["change_kind"]), Self.fields(change),
            ])
        }
        Console.out(table.render())
        Console.error("next cursor: --after \(text(result["next_after"]))")
        return .ok
    }

    static func fields(_ change: JSONValue) -> String {
        let fields = change["changed_fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return (change["prompt_changed"]?.boolValue == true ? "PROMPT " : "") + fields.joined(separator: ", ")
    }

    static func line(_ change: JSONValue) -> String {
        "\(text(change["observed_at"]))  \(text(change["account"]))/\(text(change["remote_id"]))  rev \(text(change["revision"]))  "
            + "\(text(change["change_kind"]))  \(fields(change))"
    }
}
