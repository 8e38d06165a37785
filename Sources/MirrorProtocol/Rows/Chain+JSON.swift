import MirrorCore

// The socket form of the hash chain's head and of a verification (`status`, `verify`, reports).

extension ChainVerification.Head: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["seq"] = JSONValue(seq)
        object["hash"] = .string(hash)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(seq: try object.int("seq"), hash: try object.string("hash"))
    }

    /// Reads SEQ:HASH (a SHA-256 in hex, either case); nil when `text` is not one.
    public init?(text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seq = Int(parts[0]), parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
            return nil
        }
        self.init(seq: seq, hash: parts[1].lowercased())
    }

    /// What a SEQ:HASH looks like, for the error that refuses another text.
    public static let expectedForm = "SEQ:HASH as printed by status or a report, e.g. 42:3fa9…"
}

extension ChainVerification.Problem: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["seq"] = JSONValue(seq)
        object["reason"] = .string(reason)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(seq: try object.int("seq"), reason: try object.string("reason"))
    }
}

extension ChainVerification: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["ok"] = .bool(isIntact)
        object["checked"] = JSONValue(checked)
        object["head"] = head?.json ?? .null
        object["problem"] = problem?.json ?? .null
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            checked: try object.int("checked"),
            head: try object.optional("head"),
            problem: try object.optional("problem")
        )
    }
}

extension ChainHealth: JSONObjectCodable {
    public func encode(into object: inout JSONObject) {
        object["state"] = .string(state.rawValue)
        object["verified_head"] = verifiedHead?.json ?? .null
        object["problem"] = problem?.json ?? .null
        object["verified_at"] = JSONValue(verifiedAt)
        object["fully_verified_at"] = JSONValue(fullyVerifiedAt)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        let stateText = try object.string("state")
        guard let state = State(rawValue: stateText) else {
            throw JSONShapeError("\"state\" should be not_verified, ok or broken, not '\(stateText)'")
        }
        self.init(
            state: state,
            verifiedHead: try object.optional("verified_head"),
            problem: try object.optional("problem"),
            verifiedAt: try object.optionalString("verified_at"),
            fullyVerifiedAt: try object.optionalString("fully_verified_at")
        )
    }
}
