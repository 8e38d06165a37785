import MirrorCore

/// `diff`: between two revisions, the main prompt whole and as a unified diff, and every field that
/// changed as path: old → new.
public struct DiffResult: Sendable, Equatable, JSONObjectCodable {
    /// `account/remote-id`.
    public let assistant: String
    public let from: Int
    public let to: Int
    public let oldPrompt: String?
    public let newPrompt: String?
    /// Empty when the prompt did not change.
    public let promptDiff: String
    public let fields: [FieldChange]

    public init(
        assistant: String,
        from: Int,
        to: Int,
        oldPrompt: String?,
        newPrompt: String?,
        promptDiff: String,
        fields: [FieldChange]
    ) {
        self.assistant = assistant
        self.from = from
        self.to = to
        self.oldPrompt = oldPrompt
        self.newPrompt = newPrompt
        self.promptDiff = promptDiff
        self.fields = fields
    }

    public func encode(into object: inout JSONObject) {
        object["assistant"] = .string(assistant)
        object["from"] = JSONValue(from)
        object["to"] = JSONValue(to)
        object["old_prompt"] = JSONValue(oldPrompt)
        object["new_prompt"] = JSONValue(newPrompt)
        object["prompt_diff"] = .string(promptDiff)
        object["fields"] = .array(fields.map(\.json))
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistant: try object.string("assistant"),
            from: try object.int("from"),
            to: try object.int("to"),
            oldPrompt: try object.optionalString("old_prompt"),
            newPrompt: try object.optionalString("new_prompt"),
            promptDiff: try object.string("prompt_diff"),
            fields: try object.array("fields")
        )
    }
}
