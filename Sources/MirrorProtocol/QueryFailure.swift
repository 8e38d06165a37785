import MirrorCore

/// An error reply: `{"v":1,"id":…,"ok":false,"error":{"code":"not_found","message":"…"}}`.
public struct QueryFailure: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case badRequest = "bad_request"
        case unknownOp = "unknown_op"
        case unsupportedVersion = "unsupported_version"
        case notFound = "not_found"
        case ambiguous
        case forbidden
        /// `set-prompt`/`revert`: the provider's record differs from the mirror's current revision.
        case conflict
        /// `set-prompt`/`revert`: the account does not say `write = on`.
        case writeDisabled = "write_disabled"
        /// `set-prompt`/`revert`: the update call or its checks failed.
        case writeFailed = "write_failed"
        case tooLarge = "too_large"
        case timeout
        case busy
        case unavailable
        case internalError = "internal"
    }

    public let id: JSONValue
    public let code: Code
    public let message: String

    public init(id: JSONValue, code: Code, message: String) {
        self.id = id
        self.code = code
        self.message = message
    }
}
