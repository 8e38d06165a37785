import Foundation
import MirrorCore
import MirrorProtocol

/// `report prompts [--since T] [--until T] [--account A] [--format …]`.
struct ReportCommand: Command {
    let name = "report"
    let summary = "report every prompt change in a period, with when, who (as far as known) and the diff"
    let arguments = "prompts"
    let options: [ParsedArguments.Option] =
        SocketClient.commonOptions + [
            .value("since", "TIME", "changes observed at or after TIME (ISO 8601, or a duration ago: 90d)"),
            .value("until", "TIME", "changes observed before TIME"),
            .value("account", "NAME", "only this account"),
            .value("format", "FORMAT", "text (default), markdown, csv, json or html"),
            .value("output", "FILE", "write the report to FILE instead of standard output"),
            .value(
                "head",
                "SEQ:HASH",
                "a chain head kept from an earlier report: verify also proves nothing after it was cut"
            ),
        ]
    let discussion = """
        Every report carries the chain head (seq:hash) and the result of verify: keep the head with the report
        and `assistant-mirror verify --head SEQ:HASH` later proves the history was not edited since.
        Example: assistant-mirror report prompts --since 2026-07-01 --until 2026-10-01 --format html --output q3.html
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard arguments.positionals == ["prompts"] else {
            throw UsageError("the report to make is 'prompts': assistant-mirror report prompts [options]")
        }
        if arguments.flag("json"), let format = arguments.value("format"), format != "json" {
            throw UsageError("--json and --format \(format) contradict each other; give one of them")
        }
        let formatName = arguments.value("format") ?? (arguments.flag("json") ? "json" : "text")
        guard let format = ReportRenderer.Format(rawValue: formatName) else {
            throw UsageError(
                "--format \(formatName) is unknown; use one of \(ReportRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let request = ReportRequest(
            since: try TimeArgument.parse(arguments.value("since"), option: "since"),
            until: try TimeArgument.parse(arguments.value("until"), option: "until"),
            account: arguments.value("account"),
            head: try ChainHeadArgument.parse(arguments.value("head"))
        )
        // Before the daemon spends time on the report: a path that cannot be written is said at once.
        if let path = arguments.value("output") { try OutputPath.requireWritable(path, for: "the report") }
        let (json, result) = try SocketClient.connect(arguments).request(
            .report(request),
            as: ReportResult.self,
            timeout: .seconds(600)
        )
        let report = PromptReport(result)
        let output = ReportRenderer.render(report, raw: json, as: format)
        if format == .csv {
            for cell in ReportRenderer.cellsOverSpreadsheetLimit(report) {
                Console.error(
                    "warning: \(cell) is longer than the 32,767 characters a spreadsheet cell holds in Excel, which "
                        + "would cut it; the CSV carries it whole (read it with a CSV library, or use --format json)"
                )
            }
        }
        if let path = arguments.value("output") {
            do {
                try Data(output.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw OutputPath.failure(writing: "the report", to: path, error)
            }
            Console.error(
                "wrote \(report.changes.count) change(s) to \(path); chain head \(report.chainHead ?? "none"); verify \(report.verifyDetail)"
            )
        } else {
            Console.out(output)
        }
        return report.verified ? .ok : .failure
    }
}
