import MirrorCore
import MirrorProtocol

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
        let request = ListRequest(
            provider: arguments.value("provider"),
            account: arguments.value("account"),
            text: arguments.value("search"),
            includeDeleted: arguments.flag("deleted"),
            limit: try arguments.wholeNumber("limit") ?? ListRequest.defaultLimit,
            offset: try arguments.wholeNumber("offset") ?? 0
        )
        let (json, page) = try SocketClient.connect(arguments).request(.list(request), as: AssistantsPage.self)
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        var table = Table([
            .id("ID"), .id("ACCOUNT"), .id("REMOTE ID"), "NAME", TableColumn("MODEL", .text).optional, .id("REV"),
            TableColumn.time("PROVIDER UPDATED").optional, .time("LAST SEEN"), TableColumn.time("DELETED").optional,
        ])
        for row in page.assistants {
            let header = row.header
            table.append([
                String(header.id), header.key.account, header.key.remoteID, cell(header.name), cell(row.model),
                String(header.revision), cell(row.providerUpdatedAt), row.lastSeenAt, cell(header.deletedAt),
            ])
        }
        Console.out(table.render())
        return .ok
    }
}
