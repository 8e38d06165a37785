/// A query that cannot be answered as asked.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let message), .ambiguous(let message), .invalid(let message): message
        }
    }

    /// The socket protocol's error code.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .ambiguous: "ambiguous"
        case .invalid: "bad_request"
        }
    }
}
