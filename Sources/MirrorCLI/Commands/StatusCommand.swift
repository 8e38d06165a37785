import MirrorCore

/// `status`: per account, the last crawl, its outcome, the next one and the breaker; the chain head.
struct StatusCommand: Command {
    let name = "status"
    let summary = "show each account's last and next crawl, and the history's chain head"
    let options = SocketClient.commonOptions

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let result = try SocketClient.connect(arguments).request("status")
        if arguments.flag("json") {
            Console.out(result.canonicalText)
            return .ok
        }
        var table = Table([
            .id("ACCOUNT"), TableColumn.id("PROVIDER").optional, .id("ASSISTANTS"), .time("LAST CRAWL", .relative),
            "RESULT", .id("CHANGES"), .time("NEXT CRAWL", .relative), TableColumn.id("BREAKER").optional,
        ])
        for account in result["accounts"]?.arrayValue ?? [] {
            let running = account["running"]?.boolValue == true
            table.append([
                text(account["account"]), text(account["provider"]), text(account["assistants"]),
                text(present(account["last_crawl_finished_at"]) ?? account["last_crawl_started_at"]),
                running
                    ? "running"
                    : text(account["last_crawl_status"])
                        + (account["last_crawl_error"]?.stringValue.map { ": " + $0 } ?? ""),
                text(account["last_crawl_changes"]), text(account["next_crawl_at"]), text(account["breaker"]),
            ])
        }
        Console.out(table.render())
        let head = result["chain_head"]
        Console.out(
            "\nrevisions: \(text(result["revisions"]))\nchain head: "
                + (head?["seq"].map { "\(text($0)):\(text(head?["hash"]))" } ?? "none yet")
        )
        return .ok
    }
}

/// The value unless it is absent or JSON null (for `??` between two columns).
func present(_ value: JSONValue?) -> JSONValue? {
    value == .null ? nil : value
}

/// A JSON value as a table cell: strings as they are, null as "-".
func text(_ value: JSONValue?) -> String {
    switch value {
    case nil, .null?: "-"
    case .string(let string)?: string
    case .number(let literal)?: literal
    case .bool(let flag)?: flag ? "yes" : "no"
    case let other?: other.canonicalText
    }
}
