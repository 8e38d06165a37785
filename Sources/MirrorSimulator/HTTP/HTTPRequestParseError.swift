/// Why a request could not be accepted; carries the status the server answers with before closing.
struct HTTPRequestParseError: Error, Equatable {
    /// 400, 413, 431, 501 or 505 (RFC 9110 §15.5 and §15.6).
    let status: Int
    /// Says what was wrong and what would be right; sent as the plain-text body of the error response.
    let reason: String

    static func badRequest(_ reason: String) -> HTTPRequestParseError {
        HTTPRequestParseError(status: 400, reason: reason)
    }
}
