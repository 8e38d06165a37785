import MirrorCore

/// `verify [--head SEQ:HASH]`: recompute the hash chain.
struct VerifyCommand: Command {
    let name = "verify"
    let summary = "recompute the history's hash chain and name the first revision that does not match"
    let options =
        SocketClient.commonOptions + [
            .value(
                "head",
                "SEQ:HASH",
                "a chain head recorded earlier (from a report or the journal): also detects a cut tail"
            )
        ]
    let discussion = "Exit status 0 when the chain is intact, 1 when it is broken."

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        var parameters: [String: JSONValue] = [:]
        if let head = arguments.value("head") { parameters["head"] = .string(head) }
        let result = try SocketClient.connect(arguments).request("verify", parameters)
        let intact = result["ok"]?.boolValue == true
        if arguments.flag("json") {
            Console.out(result.canonicalText)
        } else if intact {
            Console.out(
                "chain intact: \(text(result["checked"])) revisions, head \(text(result["head"]?["seq"])):\(text(result["head"]?["hash"]))"
            )
        } else {
            Console.out(
                "chain BROKEN at revision seq \(text(result["problem"]?["seq"])): \(text(result["problem"]?["reason"]))"
            )
        }
        return intact ? .ok : .failure
    }
}
