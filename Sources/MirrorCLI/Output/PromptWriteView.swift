import MirrorCore
import MirrorProtocol
import MirrorServer

/// What `set-prompt` and `revert` share: their options, the request, and how the result prints.
enum PromptWriteView {
    static let options: [ParsedArguments.Option] =
        [
            .value("reason", "TEXT", "why the prompt changes (required; recorded with the change)"),
            .flag("dry-run", "print the prompt's diff and the request that would be sent; send and record nothing"),
            .flag("force", "write even when the provider's assistant changed since the mirror last read it"),
        ] + SocketClient.commonOptions

    static let discussion = """
        The daemon re-reads the assistant first and refuses (conflict) when it differs from the mirror's
        current revision, unless --force. After the write it reads the assistant back and records the new
        revision with you as its editor (unix:NAME (uid N)) and the reason; every attempt, refused or
        failed ones included, is recorded in the hash chain (`history ID` lists them).
        Writes need `write = on` in the account's section, and a peer that is root, the daemon's user or a
        member of write-group. Exit status: 0 written (or previewed), 1 refused or failed, 2 usage.
        """

    static func send(
        _ change: PromptWriteRequest.Change,
        assistant: String,
        _ arguments: ParsedArguments
    ) throws -> ExitStatus {
        guard let reason = arguments.value("reason"), !reason.allSatisfy(\.isWhitespace) else {
            throw UsageError("--reason TEXT is required: say why the prompt changes (it is recorded with the change)")
        }
        let request = PromptWriteRequest(
            assistant: assistant,
            change: change,
            reason: reason,
            dryRun: arguments.flag("dry-run"),
            force: arguments.flag("force")
        )
        let limit = QueryServer.Limits().maxLineBytes
        let size = MirrorRequest.writePrompt(request).line(id: .number("1")).count
        guard size <= limit else {
            throw UsageError(
                "the request is \(size) bytes and the daemon's socket takes at most \(limit) per request; "
                    + "shorten the prompt"
            )
        }
        let (json, result) = try SocketClient.connect(arguments).request(
            .writePrompt(request),
            as: PromptWriteResult.self
        )
        if arguments.flag("json") {
            Console.out(json.canonicalText)
            return .ok
        }
        Console.out(result.promptDiff.isEmpty ? "prompt: unchanged" : DiffColoring.colored(result.promptDiff))
        if result.dryRun, let prepared = result.request {
            Console.out("\nrequest that would be sent:\n" + text(of: prepared))
        }
        var summary = result.message
        if let editor = result.changedBy { summary += "; editor \(editor)" }
        if let status = result.providerStatus { summary += "; provider answered HTTP \(status)" }
        Console.out("\n" + summary)
        return .ok
    }

    /// One attempt as `history` lists it: when, what, who, what came of it, and why it was asked for.
    static func line(_ attempt: WriteAttempt) -> String {
        let facts = attempt.facts
        let what = facts.operation + (facts.revertedTo.map { " to revision \($0)" } ?? "")
        var outcome = facts.outcome + (facts.forced ? " (forced)" : "")
        if let revision = attempt.revision { outcome += " as revision \(revision)" }
        if let status = facts.providerStatus { outcome += ", HTTP \(status)" }
        if let error = facts.error { outcome += ": \(error)" }
        return "  \(facts.requestedAt)  \(what) by \(facts.requestedBy): \(outcome). Reason: \(facts.reason)"
    }

    /// The request as HTTP/1.1 shows it (RFC 9112 §3): request line, header fields, blank line, body.
    static func text(of request: PreparedRequest) -> String {
        ([request.method + " " + request.url] + request.headers.map { "\($0.name): \($0.value)" } + ["", request.body])
            .joined(separator: "\n")
    }
}
