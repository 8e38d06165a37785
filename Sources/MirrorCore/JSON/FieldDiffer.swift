/// The field-level difference between two snapshots: one `FieldChange` per leaf path whose value was
/// added, removed or changed. Values compare by their bytes, not by Swift string equality, which would
/// call `"é"` and `"e\u{301}"` equal and so hide an edit.
public enum FieldDiffer {
    public static func changes(
        from old: JSONValue,
        to new: JSONValue,
        isPromptBearing: (String) -> Bool
    ) -> [FieldChange] {
        let oldLeaves = JSONPath.leaves(of: old)
        let newLeaves = JSONPath.leaves(of: new)
        var newByPath: [String: JSONValue] = [:]
        for leaf in newLeaves { newByPath[leaf.path] = leaf.value }
        var oldPaths = Set<String>()
        var result: [FieldChange] = []
        for leaf in oldLeaves {
            oldPaths.insert(leaf.path)
            let replacement = newByPath[leaf.path]
            if let replacement, replacement.canonicalBytes == leaf.value.canonicalBytes { continue }
            result.append(change(path: leaf.path, old: leaf.value, new: replacement, isPromptBearing: isPromptBearing))
        }
        for leaf in newLeaves where !oldPaths.contains(leaf.path) {
            result.append(change(path: leaf.path, old: nil, new: leaf.value, isPromptBearing: isPromptBearing))
        }
        return result
    }

    private static func change(
        path: String,
        old: JSONValue?,
        new: JSONValue?,
        isPromptBearing: (String) -> Bool
    ) -> FieldChange {
        FieldChange(
            path: path,
            oldValue: old.map(JSONPath.storedText(of:)),
            newValue: new.map(JSONPath.storedText(of:)),
            promptBearing: isPromptBearing(JSONPath.pattern(of: path))
        )
    }
}
