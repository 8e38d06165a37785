import MirrorCore

// The socket form of a write attempt (`history`'s `writes`), named as the `write_attempts` view names it.

extension WriteAttempt: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["seq"] = JSONValue(seq)
        object["operation"] = .string(facts.operation)
        object["reverted_to"] = JSONValue(facts.revertedTo)
        object["requested_by"] = .string(facts.requestedBy)
        object["requested_at"] = .string(facts.requestedAt)
        object["reason"] = .string(facts.reason)
        object["forced"] = .bool(facts.forced)
        object["outcome"] = .string(facts.outcome)
        object["provider_status"] = JSONValue(facts.providerStatus)
        object["error"] = JSONValue(facts.error)
        object["hash_before"] = JSONValue(facts.hashBefore)
        object["hash_after"] = JSONValue(facts.hashAfter)
        object["revision"] = JSONValue(revision)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        let facts = WriteAttemptFacts(
            operation: try object.string("operation"),
            revertedTo: try object.optionalInt("reverted_to"),
            requestedBy: try object.string("requested_by"),
            requestedAt: try object.string("requested_at"),
            reason: try object.string("reason"),
            forced: try object.bool("forced"),
            outcome: try object.string("outcome"),
            providerStatus: try object.optionalInt("provider_status"),
            error: try object.optionalString("error"),
            hashBefore: try object.optionalString("hash_before"),
            hashAfter: try object.optionalString("hash_after")
        )
        self.init(seq: try object.int("seq"), facts: facts, revision: try object.optionalInt("revision"))
    }
}
