import MirrorCore
import MirrorProtocol

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
        let head = try ChainHeadArgument.parse(arguments.value("head"))
        let (json, verification) = try SocketClient.connect(arguments).request(
            .verify(head: head),
            as: ChainVerification.self
        )
        if arguments.flag("json") {
            Console.out(json.canonicalText)
        } else if let problem = verification.problem {
            Console.out("chain BROKEN at revision seq \(problem.seq): \(problem.reason)")
        } else {
            // An empty history has no head.
            Console.out("chain intact: \(verification.checked) revisions, head \(verification.head?.text ?? "-:-")")
        }
        return verification.isIntact ? .ok : .failure
    }
}
