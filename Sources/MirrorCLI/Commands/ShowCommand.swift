import MirrorCore

/// `show ID`: the current state of one assistant.
struct ShowCommand: Command {
    let name = "show"
    let summary = "show one assistant's current state and prompt"
    let arguments = "ID"
    let options = SocketClient.commonOptions + [.flag("snapshot", "also print the whole redacted snapshot")]
    let discussion =
        "ID is account/remote-id, a bare remote id when only one account has it, or the local id from `list`."

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments)
        let result = try SocketClient.connect(arguments).request("show", ["assistant": .string(id)])
        if arguments.flag("json") {
            Console.out(result.canonicalText)
            return .ok
        }
        var lines: [String] = []
        for key in [
            "account", "provider", "remote_id", "id", "name", "model", "voice", "greeting", "revision",
            "provider_updated_at",
            "first_seen_at", "last_seen_at", "deleted_at", "content_hash",
        ] {
            lines.append(key.padding(toLength: 20, withPad: " ", startingAt: 0) + text(result[key]))
        }
        lines.append("\nprompt:\n" + (result["prompt"]?.stringValue ?? "(none)"))
        if arguments.flag("snapshot") {
            // One line when piped (for jq and grep), indented on a terminal.
            let snapshot = result["snapshot"] ?? .null
            lines.append("\nsnapshot:\n" + (Console.isTerminal ? PrettyJSON.text(snapshot) : snapshot.canonicalText))
        }
        Console.out(lines.joined(separator: "\n"))
        return .ok
    }
}

/// The positional `ID` of the commands about one assistant.
enum AssistantArgument {
    static func single(_ arguments: ParsedArguments, allowingExtra extra: Int = 0) throws -> String {
        guard let id = arguments.positionals.first else {
            throw UsageError("an assistant ID is required (account/remote-id, a remote id, or a local id from `list`)")
        }
        guard arguments.positionals.count <= 1 + extra else {
            throw UsageError("unexpected argument '\(arguments.positionals[1 + extra])'")
        }
        return id
    }
}
