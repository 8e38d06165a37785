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
            // The columns of the page below, SEQ first, one row per event as it comes: the header with
            // the first, so a stopped follow resumes with --after the last SEQ printed.
            var first = true
            try client.stream(.changes(request), of: ChangeEntry.self) { event, change in
                guard !json else { return Console.out(event.canonicalText) }
                var table = Self.table()
                table.append(Self.row(change))
                let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
                Console.out(lines.dropFirst(first ? 0 : 1).joined(separator: "\n"))
                first = false
            }
            return .ok
        }
        let (result, page) = try client.request(.changes(request), as: ChangesPage.self)
        if json {
            Console.out(result.canonicalText)
            return .ok
        }
        var table = Self.table()
        for change in page.changes { table.append(Self.row(change)) }
        Console.out(table.render())
        Console.error("next cursor: --after \(page.nextAfter)")
        return .ok
    }

    /// The changed fields as a cell: PROMPT first when the prompt changed.
    static func fields(_ changed: ChangedFields) -> String {
        (changed.promptChanged ? "PROMPT " : "") + changed.paths.joined(separator: ", ")
    }

    /// ID is the local id that `show`, `history` and `diff` take, short where ASSISTANT is long.
    static func table() -> Table {
        Table([
            .id("SEQ"), .time("OBSERVED"), .id("ID"), .id("ASSISTANT"), "NAME", .id("REV"), .id("KIND"), "CHANGED",
        ])
    }

    static func row(_ change: ChangeEntry) -> [String] {
        let facts = change.facts
        return [
            String(facts.seq), facts.observedAt, String(change.assistantID), change.assistant.label, cell(facts.name),
            String(facts.revision), facts.changeKind, fields(change.changed),
        ]
    }
}
