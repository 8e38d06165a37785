import MirrorCore

// The socket form of the revision rows (`history`, `changes`, the prompt report): the columns of the
// `assistant_revisions` and `prompt_changes` views, flat.

extension RevisionFacts: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["seq"] = JSONValue(seq)
        object["revision"] = JSONValue(revision)
        object["change_kind"] = .string(changeKind)
        object["observed_at"] = .string(observedAt)
        object["previous_observed_at"] = JSONValue(previousObservedAt)
        object["provider_updated_at"] = JSONValue(providerUpdatedAt)
        object["changed_by"] = JSONValue(changedBy)
        object["actor_hint"] = JSONValue(actorHint)
        object["name"] = JSONValue(name)
        object["changed_by_source"] = JSONValue(changedBySource)
        object["change_reason"] = JSONValue(changeReason)
        object["changed_by_ambiguous"] = .bool(editorAmbiguous)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            seq: try object.int("seq"),
            revision: try object.int("revision"),
            changeKind: try object.string("change_kind"),
            observedAt: try object.string("observed_at"),
            previousObservedAt: try object.optionalString("previous_observed_at"),
            providerUpdatedAt: try object.optionalString("provider_updated_at"),
            changedBy: try object.optionalString("changed_by"),
            actorHint: try object.optionalString("actor_hint"),
            name: try object.optionalString("name"),
            changedBySource: try object.optionalString("changed_by_source"),
            changeReason: try object.optionalString("change_reason"),
            editorAmbiguous: object.has("changed_by_ambiguous") ? try object.bool("changed_by_ambiguous") : false
        )
    }
}

extension ChangedFields: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["changed_fields"] = .array(paths.map(JSONValue.string))
        object["prompt_changed"] = .bool(promptChanged)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(paths: try object.strings("changed_fields"), promptChanged: try object.bool("prompt_changed"))
    }
}

extension RevisionEntry: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(facts)
        object["content_hash"] = .string(contentHash)
        object.merge(changed)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            facts: try RevisionFacts(from: object),
            contentHash: try object.string("content_hash"),
            changed: try ChangedFields(from: object)
        )
    }
}

extension HistorySummary: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["revisions"] = JSONValue(revisions)
        object["oldest_revision"] = JSONValue(oldestRevision)
        object["newest_revision"] = JSONValue(newestRevision)
        object["first_observed_at"] = JSONValue(firstObservedAt)
        object["last_observed_at"] = JSONValue(lastObservedAt)
        object["prompt_changes"] = JSONValue(promptChanges)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            revisions: try object.int("revisions"),
            oldestRevision: try object.optionalInt("oldest_revision"),
            newestRevision: try object.optionalInt("newest_revision"),
            firstObservedAt: try object.optionalString("first_observed_at"),
            lastObservedAt: try object.optionalString("last_observed_at"),
            promptChanges: try object.int("prompt_changes")
        )
    }
}

extension ChangeEntry: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(assistant)
        object["assistant_id"] = JSONValue(assistantID)
        object.merge(facts)
        object.merge(changed)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistant: try AssistantKey(from: object),
            assistantID: try object.int("assistant_id"),
            facts: try RevisionFacts(from: object),
            changed: try ChangedFields(from: object)
        )
    }
}

extension ValueChange: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["path"] = .string(path)
        object["old_value"] = JSONValue(oldValue)
        object["new_value"] = JSONValue(newValue)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            path: try object.string("path"),
            oldValue: try object.optionalString("old_value"),
            newValue: try object.optionalString("new_value")
        )
    }
}

extension FieldChange: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(ValueChange(path: path, oldValue: oldValue, newValue: newValue))
        object["prompt_bearing"] = .bool(promptBearing)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        let value = try ValueChange(from: object)
        self.init(
            path: value.path,
            oldValue: value.oldValue,
            newValue: value.newValue,
            promptBearing: try object.bool("prompt_bearing")
        )
    }
}

extension PromptChange: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object.merge(assistant)
        object.merge(facts)
        object["old_prompt"] = JSONValue(oldPrompt)
        object["new_prompt"] = JSONValue(newPrompt)
        object["prompt_fields"] = JSONValue(promptFields)
        object["prompt_field_changes"] = .array(promptFieldChanges.map(\.json))
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistant: try AssistantKey(from: object),
            facts: try RevisionFacts(from: object),
            oldPrompt: try object.optionalString("old_prompt"),
            newPrompt: try object.optionalString("new_prompt"),
            promptFields: try object.optionalString("prompt_fields"),
            promptFieldChanges: try object.array("prompt_field_changes")
        )
    }
}
