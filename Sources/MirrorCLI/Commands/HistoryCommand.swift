import MirrorCore
import MirrorProtocol

/// `history ID`: the summary of one assistant's history and its newest revisions; `--all`, `--limit`
/// and `--before` reach the older ones, a page at a time.
struct HistoryCommand: Command {
    /// `--all` asks for pages this large after the summary: few round trips, and the first rows of
    /// each page print while the next is read.
    static let allPageSize = 100

    let name = "history"
    let summary = "summarize one assistant's history and list its newest revisions: when each changed and what"
    let arguments = "ID"
    let options: [ParsedArguments.Option] =
        SocketClient.commonOptions + [
            .flag("all", "every revision, newest first, printed page by page as the pages arrive"),
            .value("limit", "N", "the newest N revisions (1-\(HistoryRequest.maxPage)); with --all, the page size"),
            .value("before", "REV", "only revisions numbered below REV (the cursor a previous call printed)"),
        ]
    let discussion = """
        Without options: how many revisions there are, when the first and the last were observed, how many
        changed a prompt, and the newest \(HistoryRequest.defaultPage) revisions, newest first; a last line (on stderr)
        says how to see older ones. --limit and --before print one page; --all prints everything.
        With --json, the socket reply's result; with --all --json, one result per page, one per line.
        WINDOW is when the change happened: after the previous observation and at or before this one.
        WHO is the editor with its source (the provider's audit log, or assistant-mirror for a write through it);
        otherwise "unknown", with a hint (an owner, a team, the account) that is never the editor.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let id = try AssistantArgument.single(arguments)
        let limit = try Self.number(arguments, "limit", in: 1...HistoryRequest.maxPage)
        let before = try Self.number(arguments, "before", in: 1...Int(Int32.max))
        let all = arguments.flag("all")
        let client = try SocketClient.connect(arguments)
        var request = HistoryRequest(assistant: id, limit: limit, before: before)
        var isFirstPage = true
        while true {
            let (json, history) = try client.request(.history(request), as: HistoryResult.self)
            if arguments.flag("json") {
                Console.out(json.canonicalText)
            } else {
                show(history, isFirstPage: isFirstPage)
            }
            isFirstPage = false
            guard all, let next = history.nextBefore, next > 1 else {
                if !arguments.flag("json") { hint(after: history, id: id, all: all) }
                return .ok
            }
            request = HistoryRequest(assistant: id, limit: limit ?? Self.allPageSize, before: next)
        }
    }

    /// The header and summary with the first page only; later pages continue the table without its
    /// header line, as `changes --follow` does. The writes through the mirror follow the first page.
    private func show(_ history: HistoryResult, isFirstPage: Bool) {
        if isFirstPage {
            Console.out("\(history.assistant.key.label)  \(cell(history.assistant.name))")
            if let summary = history.summary { Console.out(Self.describe(summary)) }
            Console.out("")
        }
        var table = Table([
            .id("REV"), .id("KIND"), .time("WINDOW"), TableColumn.time("PROVIDER UPDATED").optional, "CHANGED",
            TableColumn("WHO", .text).optional,
        ])
        for revision in history.revisions.reversed() {
            let facts = revision.facts
            table.append([
                String(facts.revision), facts.changeKind, "\(cell(facts.previousObservedAt)) .. \(facts.observedAt)",
                cell(facts.providerUpdatedAt), ChangesCommand.fields(revision.changed), Self.who(facts),
            ])
        }
        if !history.revisions.isEmpty {
            let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
            Console.out(lines.dropFirst(isFirstPage ? 0 : 1).joined(separator: "\n"))
        }
        if isFirstPage, !history.writes.isEmpty {
            Console.out(
                "\nwrites through the mirror:\n" + history.writes.map(PromptWriteView.line).joined(separator: "\n")
            )
        }
    }

    /// `1001 revisions (1-1001), observed 2026-11-21T13:18:28.385Z .. 2026-12-01T09:00:00.000Z; 1000 changed a prompt`
    static func describe(_ summary: HistorySummary) -> String {
        let span = summary.oldestRevision.map { oldest in " (\(oldest)-\(summary.newestRevision ?? oldest))" } ?? ""
        let observed = summary.firstObservedAt.map { ", observed \($0) .. \(summary.lastObservedAt ?? $0)" } ?? ""
        let noun = summary.revisions == 1 ? "revision" : "revisions"
        return "\(summary.revisions) \(noun)\(span)\(observed); \(summary.promptChanges) changed a prompt"
    }

    /// Where the older revisions are, when some were not printed.
    private func hint(after history: HistoryResult, id: String, all: Bool) {
        // A full last page gives next_before 1, and no revision is numbered below 1.
        guard !all, let next = history.nextBefore, next > 1 else { return }
        let shown = history.summary.map { "the newest \(history.revisions.count) of \($0.revisions) revisions" }
        Console.error(
            "\(shown.map { "showing " + $0 + "; " } ?? "")older: history \(id) --before \(next), or --all for every revision"
        )
    }

    /// A whole-number option within `range`, refused here with the range rather than by the daemon.
    private static func number(_ arguments: ParsedArguments, _ name: String, in range: ClosedRange<Int>) throws -> Int?
    {
        guard let number = try arguments.wholeNumber(name) else { return nil }
        guard range.contains(number) else {
            throw UsageError(
                "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \(number)"
            )
        }
        return number
    }

    /// The editor with its source when one knows; otherwise the hint, marked as one (never as the editor).
    static func who(_ revision: RevisionFacts) -> String {
        if let editor = revision.editor { return editor }
        return revision.actorHint.map { "unknown, hint: " + $0 } ?? "unknown"
    }
}
