import MirrorCore
import MirrorProtocol

/// `status`: per account, the last crawl, its outcome, the next one and the breaker; the chain head.
struct StatusCommand: Command {
    let name = "status"
    let summary = "show each account's last and next crawl, and the history's chain head"
    let options = SocketClient.commonOptions

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let (json, result) = try SocketClient.connect(arguments).request(.status, as: StatusResult.self)
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        var table = Table([
            .id("ACCOUNT"), TableColumn.id("PROVIDER").optional, .id("ASSISTANTS"), .time("LAST CRAWL", .relative),
            "RESULT", .id("CHANGES"), .time("NEXT CRAWL", .relative), TableColumn.id("BREAKER").optional,
            TableColumn("AUDIT LOG", .text).optional,
        ])
        for account in result.accounts {
            let stored = account.stored
            let schedule = account.schedule
            table.append([
                account.account, account.provider, cell(stored?.assistants),
                cell(stored?.lastCrawlFinishedAt ?? stored?.lastCrawlStartedAt),
                schedule?.running == true
                    ? "running"
                    : cell(stored?.lastCrawlStatus) + (stored?.lastCrawlError.map { ": " + $0 } ?? ""),
                cell(stored?.lastCrawlChanges), cell(schedule?.nextCrawlAt), cell(schedule?.breaker),
                cell(stored?.auditLogStatus) + (stored?.auditLogError.map { ": " + $0 } ?? ""),
            ])
        }
        Console.out(table.render())
        Console.out("\nrevisions: \(result.revisions)\nchain head: " + (result.chainHead?.text ?? "none yet"))
        return .ok
    }
}

/// A missing value as a table cell: "-".
func cell(_ value: String?) -> String {
    value ?? "-"
}

func cell(_ value: Int?) -> String {
    value.map(String.init) ?? "-"
}
