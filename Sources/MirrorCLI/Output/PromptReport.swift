import MirrorCore

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
        let actorHint: String?
        let oldPrompt: String?
        let newPrompt: String?
        let promptFields: String?
        /// Prompt-bearing fields other than the main prompt that changed (nested prompts, greetings).
        let otherPromptFields: [(path: String, old: String?, new: String?)]
        let fieldChangesJSON: String

        var assistant: String { "\(account)/\(remoteID)" }

        /// Who, honestly: the editor when a provider reported one, else a labelled hint, else unknown.
        var who: String {
            if let changedBy { return changedBy }
            if let actorHint { return "unknown (hint, not the editor: \(actorHint))" }
            return "unknown"
        }

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

    init(_ result: JSONValue) {
        generatedAt = result["generated_at"]?.stringValue ?? ""
        since = result["since"]?.stringValue
        until = result["until"]?.stringValue
        changes = (result["rows"]?.arrayValue ?? []).map { row in
            let mainPath = row["provider"]?.stringValue.flatMap(ProviderKind.init(rawValue:)).flatMap {
                ProviderSchema.of($0)?.promptPath
            }
            let fieldChanges = row["prompt_field_changes"] ?? .array([])
            return Change(
                account: row["account"]?.stringValue ?? "",
                provider: row["provider"]?.stringValue ?? "",
                remoteID: row["remote_id"]?.stringValue ?? "",
                name: row["name"]?.stringValue,
                revision: row["revision"]?.intValue ?? 0,
                changeKind: row["change_kind"]?.stringValue ?? "",
                observedAt: row["observed_at"]?.stringValue ?? "",
                previousObservedAt: row["previous_observed_at"]?.stringValue,
                providerUpdatedAt: row["provider_updated_at"]?.stringValue,
                changedBy: row["changed_by"]?.stringValue,
                actorHint: row["actor_hint"]?.stringValue,
                oldPrompt: row["old_prompt"]?.stringValue,
                newPrompt: row["new_prompt"]?.stringValue,
                promptFields: row["prompt_fields"]?.stringValue,
                otherPromptFields: (fieldChanges.arrayValue ?? []).compactMap { change in
                    guard let path = change["path"]?.stringValue, path != mainPath else { return nil }
                    return (path, change["old_value"]?.stringValue, change["new_value"]?.stringValue)
                },
                fieldChangesJSON: fieldChanges.canonicalText
            )
        }
        let head = result["chain_head"]
        chainHead = head?["seq"]?.intValue.map { "\($0):\(head?["hash"]?.stringValue ?? "")" }
        verified = result["verify"]?["ok"]?.boolValue == true
        verifyDetail =
            verified
            ? "intact (\(result["verify"]?["checked"]?.intValue ?? 0) revisions checked)"
            : "BROKEN at seq \(result["verify"]?["problem"]?["seq"]?.intValue ?? 0): \(result["verify"]?["problem"]?["reason"]?.stringValue ?? "")"
    }

    var period: String { "\(since ?? "the beginning") to \(until ?? "now")" }

    /// The columns of design.md's report rows, then the report-wide evidence on every row.
    static let csvColumns = [
        "account", "provider", "remote_id", "name", "revision", "change_kind", "observed_at", "previous_observed_at",
        "provider_updated_at", "changed_by", "actor_hint", "old_prompt", "new_prompt", "prompt_fields",
        "prompt_field_changes", "report_chain_head", "report_verified",
    ]

    func csvRow(_ change: Change) -> [String?] {
        [
            change.account, change.provider, change.remoteID, change.name, String(change.revision), change.changeKind,
            change.observedAt, change.previousObservedAt, change.providerUpdatedAt, change.changedBy, change.actorHint,
            change.oldPrompt, change.newPrompt, change.promptFields, change.fieldChangesJSON, chainHead,
            verified ? "true" : "false",
        ]
    }
}
