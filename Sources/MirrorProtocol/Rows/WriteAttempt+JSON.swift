import MirrorCore

// The socket form of a write attempt (`history`'s `writes`), named as the `write_attempts` view names it.

extension WriteAttempt: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["seq"] = JSONValue(seq)
        object["operation"] = .string(operation)
        object["reverted_to"] = JSONValue(revertedTo)
        object["requested_by"] = .string(requestedBy)
        object["requested_at"] = .string(requestedAt)
        object["reason"] = .string(reason)
        object["forced"] = .bool(forced)
        object["outcome"] = .string(outcome)
        object["provider_status"] = JSONValue(providerStatus)
        object["error"] = JSONValue(error)
        object["hash_before"] = JSONValue(hashBefore)
        object["hash_after"] = JSONValue(hashAfter)
        object["revision"] = JSONValue(revision)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            seq: try object.int("seq"),
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
            hashAfter: try object.optionalString("hash_after"),
            revision: try object.optionalInt("revision")
        )
    }
}
