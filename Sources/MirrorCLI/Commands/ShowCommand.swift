import MirrorCore
import MirrorProtocol

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
        let (json, detail) = try SocketClient.connect(arguments).request(
            .show(assistant: id),
            as: AssistantDetail.self
        )
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        let summary = detail.summary
        let header = summary.header
        let fields: [(String, String)] = [
            ("account", header.key.account), ("provider", header.key.provider), ("remote_id", header.key.remoteID),
            ("id", String(header.id)), ("name", cell(header.name)), ("model", cell(summary.model)),
            ("voice", cell(detail.voice)), ("greeting", cell(detail.greeting)), ("revision", String(header.revision)),
            ("provider_updated_at", cell(summary.providerUpdatedAt)), ("first_seen_at", summary.firstSeenAt),
            ("last_seen_at", summary.lastSeenAt), ("deleted_at", cell(header.deletedAt)),
            ("content_hash", detail.contentHash), ("changed_by", detail.currentRevision?.who ?? "unknown"),
        ]
        var lines = fields.map { key, value in key.padding(toLength: 20, withPad: " ", startingAt: 0) + value }
        lines.append("\nprompt:\n" + (detail.prompt ?? "(none)"))
        if arguments.flag("snapshot") {
            // One line when piped (for jq and grep), indented on a terminal.
            let snapshot = detail.snapshot
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
