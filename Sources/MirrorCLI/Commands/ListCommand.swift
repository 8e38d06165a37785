import MirrorCore

/// `list`: the mirrored assistants, filtered and paged.
struct ListCommand: Command {
    let name = "list"
    let summary = "list mirrored assistants"
    let options: [ParsedArguments.Option] =
        SocketClient.commonOptions + [
            .value("provider", "NAME", "only this provider (puretalk, invent, telnyx, interactly)"),
            .value("account", "NAME", "only this account"),
            .value("search", "TEXT", "only assistants whose name or prompt contains TEXT (case-insensitive)"),
            .flag("deleted", "include deleted assistants"),
            .value("limit", "N", "at most N rows (1-1000, default 100)"),
            .value("offset", "N", "skip the first N rows"),
        ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        var parameters: [String: JSONValue] = ["include_deleted": .bool(arguments.flag("deleted"))]
        for (option, key) in [("provider", "provider"), ("account", "account"), ("search", "text")] {
            if let value = arguments.value(option) { parameters[key] = .string(value) }
        }
        for option in ["limit", "offset"] {
            if let value = arguments.value(option) {
                guard Int(value) != nil else { throw UsageError("--\(option) takes a whole number, not '\(value)'") }
                parameters[option] = .number(value)
            }
        }
        let result = try SocketClient.connect(arguments).request("list", parameters)
        if arguments.flag("json") {
            Console.out(result.canonicalText)
            return .ok
        }
        var table = Table([
            .id("ID"), .id("ACCOUNT"), .id("REMOTE ID"), "NAME", TableColumn("MODEL", .text).optional, .id("REV"),
            TableColumn.time("PROVIDER UPDATED").optional, .time("LAST SEEN"), TableColumn.time("DELETED").optional,
        ])
        for row in result["assistants"]?.arrayValue ?? [] {
            table.append([
                text(row["id"]), text(row["account"]), text(row["remote_id"]), text(row["name"]), text(row["model"]),
                text(row["revision"]), text(row["provider_updated_at"]), text(row["last_seen_at"]),
                text(row["deleted_at"]),
            ])
        }
        Console.out(table.render())
        return .ok
    }
}
