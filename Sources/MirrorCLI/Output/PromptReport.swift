import MirrorCore
import MirrorProtocol

/// The `report prompts` result (the socket's `report` op) in a typed form the renderers share.
struct PromptReport {
    struct Change {
        let account: String
        let provider: String
        let remoteID: String
        let name: String?
        let revision: Int
        let changeKind: String
        let observedAt: String
        let previousObservedAt: String?
        let providerUpdatedAt: String?
        let changedBy: String?
        let changedBySource: String?
        let changeReason: String?
        let editorAmbiguous: Bool
        let actorHint: String?
        /// Who, honestly: the editor with its source when one knows, else "unknown" with a labelled hint.
        let who: String
        let oldPrompt: String?
        let newPrompt: String?
        let promptFields: String?
        /// Prompt-bearing fields other than the main prompt that changed (nested prompts, greetings).
        let otherPromptFields: [(path: String, old: String?, new: String?)]
        let fieldChangesJSON: String

        var assistant: String { "\(account)/\(remoteID)" }

        /// When, as a window: after the previous observation, at or before this one.
        var window: String {
            previousObservedAt.map { "between \($0) and \(observedAt)" }
                ?? "at or before \(observedAt) (first observation)"
        }
    }

    let generatedAt: String
    let since: String?
    let until: String?
    let changes: [Change]
    let chainHead: String?
    let verified: Bool
    let verifyDetail: String

    init(_ result: ReportResult) {
        generatedAt = result.generatedAt
        since = result.since
        until = result.until
        changes = result.rows.map { row in
            let facts = row.facts
            let mainPath = ProviderKind(rawValue: row.assistant.provider).flatMap { ProviderSchema.of($0)?.promptPath }
            return Change(
                account: row.assistant.account,
                provider: row.assistant.provider,
                remoteID: row.assistant.remoteID,
                name: facts.name,
                revision: facts.revision,
                changeKind: facts.changeKind,
                observedAt: facts.observedAt,
                previousObservedAt: facts.previousObservedAt,
                providerUpdatedAt: facts.providerUpdatedAt,
                changedBy: facts.changedBy,
                changedBySource: facts.changedBySource,
                changeReason: facts.changeReason,
                editorAmbiguous: facts.editorAmbiguous,
                actorHint: facts.actorHint,
                who: facts.who,
                oldPrompt: row.oldPrompt,
                newPrompt: row.newPrompt,
                promptFields: row.promptFields,
                otherPromptFields: row.promptFieldChanges.compactMap { change in
                    change.path == mainPath ? nil : (change.path, change.oldValue, change.newValue)
                },
                fieldChangesJSON: JSONValue.array(row.promptFieldChanges.map(\.json)).canonicalText
            )
        }
        chainHead = result.verification.head?.text
        verified = result.verification.isIntact
        verifyDetail =
            result.verification.problem.map { "BROKEN at seq \($0.seq): \($0.reason)" }
            ?? "intact (\(result.verification.checked) revisions checked)"
    }

    var period: String { "\(since ?? "the beginning") to \(until ?? "now")" }

    /// The columns of design.md's report rows, then the report-wide evidence on every row, then the
    /// editor's source (columns are only ever added at the end).
    static let csvColumns = [
        "account", "provider", "remote_id", "name", "revision", "change_kind", "observed_at", "previous_observed_at",
        "provider_updated_at", "changed_by", "actor_hint", "old_prompt", "new_prompt", "prompt_fields",
        "prompt_field_changes", "report_chain_head", "report_verified", "changed_by_source", "change_reason",
        "changed_by_ambiguous",
    ]

    func csvRow(_ change: Change) -> [String?] {
        [
            change.account, change.provider, change.remoteID, change.name, String(change.revision), change.changeKind,
            change.observedAt, change.previousObservedAt, change.providerUpdatedAt, change.changedBy, change.actorHint,
            change.oldPrompt, change.newPrompt, change.promptFields, change.fieldChangesJSON, chainHead,
            verified ? "true" : "false", change.changedBySource, change.changeReason,
            change.editorAmbiguous ? "true" : "false",
        ]
    }
}
