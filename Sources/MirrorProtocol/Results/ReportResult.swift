import MirrorCore

/// `report`: every prompt change of a period, with the chain head and the verification of the very
/// snapshot the rows were read from.
public struct ReportResult: Sendable, Equatable, JSONObjectCodable {
    public let kind: String
    public let generatedAt: String
    public let since: String?
    public let until: String?
    public let rows: [PromptChange]
    public let verification: ChainVerification

    public init(
        kind: String,
        generatedAt: String,
        since: String?,
        until: String?,
        rows: [PromptChange],
        verification: ChainVerification
    ) {
        self.kind = kind
        self.generatedAt = generatedAt
        self.since = since
        self.until = until
        self.rows = rows
        self.verification = verification
    }

    public func encode(into object: inout JSONObject) {
        object["kind"] = .string(kind)
        object["generated_at"] = .string(generatedAt)
        object["since"] = JSONValue(since)
        object["until"] = JSONValue(until)
        object.nest("rows", rows)
        object["chain_head"] = verification.head?.json ?? .null
        object["verify"] = verification.json
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            kind: try object.string("kind"),
            generatedAt: try object.string("generated_at"),
            since: try object.optionalString("since"),
            until: try object.optionalString("until"),
            rows: try object.array("rows"),
            verification: try object.decode("verify")
        )
    }
}
