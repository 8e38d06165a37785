import Foundation
import MirrorCore
import MirrorProtocol

/// `status`: per account, the last crawl, its outcome, the next one and the breaker; the chain head
/// and what the daemon's last verification of the chain found.
struct StatusCommand: Command {
    let name = "status"
    let summary = "show each account's last and next crawl, the history's chain head and whether it verifies"
    let options = SocketClient.commonOptions
    let discussion = """
        The daemon verifies the whole hash chain at start-up and daily, and what each crawl appended.
        Exit status 1 when it found the chain broken (the history was edited outside the mirror).
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let (json, result) = try SocketClient.connect(arguments).request(.status, as: StatusResult.self)
        let status: ExitStatus = result.chain?.state == .broken ? .failure : .ok
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return status
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
        if let chain = result.chain { Console.out("chain: " + Self.describe(chain)) }
        return status
    }

    /// One line: intact up to which head and when, broken where and why, or not yet verified. On a
    /// terminal its times are relative, as in the table above.
    static func describe(_ chain: ChainHealth, terminal: Bool = Console.isTerminal) -> String {
        let line: String
        switch chain.state {
        case .unverified:
            line = "not yet verified (the start-up check is running)"
        case .ok:
            let head = chain.verifiedHead.map { "up to seq \($0.seq)" } ?? "(empty history)"
            let whole = chain.fullyVerifiedAt.map { "; whole chain \($0)" } ?? ""
            line = "ok \(head) (verified \(chain.verifiedAt ?? "-")\(whole))"
        case .broken:
            let problem = chain.problem
            line =
                "\(Console.color("BROKEN", "1;31")) at seq \(problem.map { String($0.seq) } ?? "?") "
                + "(found \(chain.verifiedAt ?? "-")): \(problem?.reason ?? "unknown"). "
                + "The history was edited outside the mirror; `assistant-mirror verify` says the same"
        }
        return terminal ? TimeCell.shorten(line, style: .relative, now: Date(), zone: .current) : line
    }
}

/// A missing value as a table cell: "-".
func cell(_ value: String?) -> String {
    value ?? "-"
}

func cell(_ value: Int?) -> String {
    value.map(String.init) ?? "-"
}
