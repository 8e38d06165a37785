import MirrorCore
import MirrorProtocol

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
        // Without --since or --after, a page starts at the beginning and a --follow stream at the chain
        // head (only changes committed from now on).
        let request = ChangesRequest(
            after: try arguments.wholeNumber("after"),
            since: try TimeArgument.parse(arguments.value("since"), option: "since"),
            account: arguments.value("account"),
            limit: try arguments.wholeNumber("limit") ?? ListRequest.defaultLimit,
            follow: arguments.flag("follow")
        )
        let client = try SocketClient.connect(arguments)
        let json = arguments.flag("json")
        if request.follow {
            try client.stream(.changes(request), of: ChangeEntry.self) { event, change in
                Console.out(json ? event.canonicalText : Self.line(change))
            }
            return .ok
        }
        let (result, page) = try client.request(.changes(request), as: ChangesPage.self)
        if json {
            Console.out(result.canonicalText)
            return .ok
        }
        var table = Table([.id("SEQ"), .time("OBSERVED"), .id("ASSISTANT"), "NAME", .id("REV"), .id("KIND"), "CHANGED"])
        for change in page.changes {
            let facts = change.facts
            table.append([
                String(facts.seq), facts.observedAt, change.assistant.label, cell(facts.name), String(facts.revision),
                facts.changeKind, Self.fields(change.changed),
            ])
        }
        Console.out(table.render())
        Console.error("next cursor: --after \(page.nextAfter)")
        return .ok
    }

    /// The changed fields as a cell: PROMPT first when the prompt changed.
    static func fields(_ changed: ChangedFields) -> String {
        (changed.promptChanged ? "PROMPT " : "") + changed.paths.joined(separator: ", ")
    }

    static func line(_ change: ChangeEntry) -> String {
        let facts = change.facts
        return "\(facts.observedAt)  \(change.assistant.label)  rev \(facts.revision)  \(facts.changeKind)  "
            + fields(change.changed)
    }
}
