import MirrorCore

/// The JSON object a `notify-exec` program reads on standard input: every column of the change's
/// `prompt_changes` row, by column name, plus `diff`, the unified diff of the main prompt
/// (`old_prompt` to `new_prompt`; empty when only another prompt-bearing field changed).
struct PromptChangeDocument {
    let object: [String: JSONValue]

    init(row: [String: JSONValue]) {
        var object = row
        let label = "\(Self.text(row["account"]))/\(Self.text(row["remote_id"]))"
        let revision = Self.text(row["revision"])
        object["diff"] = .string(
            LineDiff.unified(
                old: Self.text(row["old_prompt"]),
                new: Self.text(row["new_prompt"]),
                oldLabel: "\(label) before revision \(revision)",
                newLabel: "\(label) revision \(revision)",
                missingNewline: .onlyWhenSidesDiffer
            )
        )
        self.object = object
    }

    /// One line of canonical JSON and a line feed.
    var bytes: [UInt8] {
        JSONValue.object(object).canonicalBytes + [0x0A]
    }

    /// What a log line names the change by: never its prompt.
    var logFields: [String: String] {
        [
            "account": Self.text(object["account"]), "remote_id": Self.text(object["remote_id"]),
            "revision": Self.text(object["revision"]), "change_kind": Self.text(object["change_kind"]),
        ]
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number
        default: ""
        }
    }
}
