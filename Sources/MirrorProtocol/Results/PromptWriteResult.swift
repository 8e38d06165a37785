import MirrorCore

/// `set-prompt` and `revert` when the prompt was written or previewed (refusals and failures are error
/// replies): the prompt's unified diff, the request (its key a placeholder), and what was recorded.
public struct PromptWriteResult: Sendable, Equatable, JSONObjectCodable {
    /// `account/remote-id`.
    public let assistant: String
    /// `written` or `previewed`.
    public let outcome: String
    public let message: String
    public let dryRun: Bool
    /// Empty when the prompt does not change.
    public let promptDiff: String
    public let request: PreparedRequest?
    public let providerStatus: Int?
    public let hashBefore: String?
    public let hashAfter: String?
    public let revision: Int?
    public let changedBy: String?

    public init(
        assistant: String,
        outcome: String,
        message: String,
        dryRun: Bool,
        promptDiff: String,
        request: PreparedRequest?,
        providerStatus: Int?,
        hashBefore: String?,
        hashAfter: String?,
        revision: Int?,
        changedBy: String?
    ) {
        self.assistant = assistant
        self.outcome = outcome
        self.message = message
        self.dryRun = dryRun
        self.promptDiff = promptDiff
        self.request = request
        self.providerStatus = providerStatus
        self.hashBefore = hashBefore
        self.hashAfter = hashAfter
        self.revision = revision
        self.changedBy = changedBy
    }

    public func encode(into object: inout JSONObject) {
        object["assistant"] = .string(assistant)
        object["outcome"] = .string(outcome)
        object["message"] = .string(message)
        object["dry_run"] = .bool(dryRun)
        object["prompt_diff"] = .string(promptDiff)
        object["request"] = request?.json ?? .null
        object["provider_status"] = JSONValue(providerStatus)
        object["hash_before"] = JSONValue(hashBefore)
        object["hash_after"] = JSONValue(hashAfter)
        object["revision"] = JSONValue(revision)
        object["changed_by"] = JSONValue(changedBy)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            assistant: try object.string("assistant"),
            outcome: try object.string("outcome"),
            message: try object.string("message"),
            dryRun: try object.bool("dry_run"),
            promptDiff: try object.string("prompt_diff"),
            request: try object.optional("request"),
            providerStatus: try object.optionalInt("provider_status"),
            hashBefore: try object.optionalString("hash_before"),
            hashAfter: try object.optionalString("hash_after"),
            revision: try object.optionalInt("revision"),
            changedBy: try object.optionalString("changed_by")
        )
    }
}

extension PreparedRequest: JSONObjectCodable {
    /// Headers as `[[name, value], …]`, in the order sent.
    public func encode(into object: inout JSONObject) {
        object["method"] = .string(method)
        object["url"] = .string(url)
        object["headers"] = .array(headers.map { .array([.string($0.name), .string($0.value)]) })
        object["body"] = .string(body)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        var headers: [(name: String, value: String)] = []
        for pair in object["headers"]?.arrayValue ?? [] {
            guard let parts = pair.arrayValue, parts.count == 2, let name = parts[0].stringValue,
                let value = parts[1].stringValue
            else { throw JSONShapeError("\"headers\" should be an array of [name, value] pairs") }
            headers.append((name, value))
        }
        self.init(
            method: try object.string("method"),
            url: try object.string("url"),
            headers: headers,
            body: try object.string("body")
        )
    }
}
