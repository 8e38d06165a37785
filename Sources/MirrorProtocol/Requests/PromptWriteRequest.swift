import MirrorCore

/// `set-prompt` and `revert`: the assistant, the new main prompt (or the revision whose prompt is
/// restored), the reason, and whether to only preview or to overwrite a provider-side change.
public struct PromptWriteRequest: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// `set-prompt`: the whole new text.
        case prompt(String)
        /// `revert`: a revision number of the same assistant.
        case revision(Int)
    }

    public let assistant: String
    public let change: Change
    public let reason: String
    public let dryRun: Bool
    public let force: Bool

    public init(assistant: String, change: Change, reason: String, dryRun: Bool = false, force: Bool = false) {
        self.assistant = assistant
        self.change = change
        self.reason = reason
        self.dryRun = dryRun
        self.force = force
    }

    init(_ request: QueryRequest, operation: QueryOperation) throws(QueryFailure) {
        assistant = try request.requiredString("assistant")
        if operation == .revert {
            change = .revision(try request.int("revision", range: 1...Int(Int32.max)) ?? 0)
            guard change != .revision(0) else {
                throw QueryFailure(
                    id: request.id,
                    code: .badRequest,
                    message: "parameter \"revision\" of op revert is required (a revision number of the assistant)"
                )
            }
        } else {
            // An empty prompt is a prompt; only its absence is an error.
            guard let prompt = try request.string("prompt") else {
                throw QueryFailure(
                    id: request.id,
                    code: .badRequest,
                    message: "parameter \"prompt\" of op set-prompt is required (the whole new main prompt)"
                )
            }
            change = .prompt(prompt)
        }
        reason = try request.requiredString("reason")
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "parameter \"reason\" of op \(request.op) must say why the prompt changes, not only blanks"
            )
        }
        dryRun = try request.bool("dry_run")
        force = try request.bool("force")
    }

    public var operation: QueryOperation {
        switch change {
        case .prompt: .setPrompt
        case .revision: .revert
        }
    }

    var parameters: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "assistant": .string(assistant), "reason": .string(reason), "dry_run": .bool(dryRun), "force": .bool(force),
        ]
        switch change {
        case .prompt(let text): members["prompt"] = .string(text)
        case .revision(let number): members["revision"] = JSONValue(number)
        }
        return members
    }
}
