import MirrorCore

/// Why a provider call failed. Messages name the account's provider, the page and the reason; they
/// never quote a header, a key or a response body (bodies may echo what was sent).
public enum ProviderError: Error, Equatable, CustomStringConvertible {
    /// 401/403: the key is wrong, revoked, or lacks access.
    case unauthorized(provider: ProviderKind, status: Int)
    /// Any other unexpected status, with the provider's own short error text when it sent one.
    case unexpectedStatus(provider: ProviderKind, status: Int, page: Int?, providerMessage: String?)
    /// The page is not what the API documents: not JSON, wrong envelope, wrong types.
    case malformedPage(provider: ProviderKind, page: Int?, reason: String)
    /// Paging does not terminate: a repeated cursor or a page cap reached.
    case pagingLoop(provider: ProviderKind, reason: String)

    public var description: String {
        switch self {
        case .unauthorized(let provider, let status):
            "\(provider.rawValue) refused the API key (HTTP \(status)); check the account's api-key-file, "
                + "api-key-env or credential"
        case .unexpectedStatus(let provider, let status, let page, let message):
            "\(provider.rawValue) answered HTTP \(status)\(page.map { " for page \($0)" } ?? "")"
                + (message.map { ": \($0)" } ?? "")
        case .malformedPage(let provider, let page, let reason):
            "\(provider.rawValue) sent a malformed page\(page.map { " \($0)" } ?? ""): \(reason); nothing from it was stored"
        case .pagingLoop(let provider, let reason):
            "\(provider.rawValue) paging stopped: \(reason)"
        }
    }
}
