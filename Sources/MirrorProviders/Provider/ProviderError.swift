import MirrorCore

/// Why a provider call failed. Messages name the account's provider, the page and the reason; they
/// never quote a header, a key or a response body (bodies may echo what was sent).
public enum ProviderError: Error, Equatable, CustomStringConvertible {
    /// 401/403: the key is wrong, revoked, or lacks access. `keySource` says where the key was read
    /// (`SecretSource.description`: a file path, a variable name or a credential name), never the key.
    case unauthorized(provider: ProviderKind, status: Int, account: String, keySource: String)
    /// 404 for the list path: the base URL (or Interactly's list-path) does not point at the API.
    case listNotFound(provider: ProviderKind, url: String)
    /// Any other unexpected status, with the provider's own short error text when it sent one.
    case unexpectedStatus(provider: ProviderKind, status: Int, page: Int?, providerMessage: String?)
    /// The page is not what the API documents: not JSON, wrong envelope, wrong types.
    case malformedPage(provider: ProviderKind, page: Int?, reason: String)
    /// Paging does not terminate: a repeated cursor or a page cap reached.
    case pagingLoop(provider: ProviderKind, reason: String)

    public var description: String {
        switch self {
        case .unauthorized(let provider, let status, let account, let keySource):
            "\(provider.rawValue) refused the API key of account \(account) (HTTP \(status)"
                + "\(status == 401 ? ": not accepted" : ": no access to this resource")); check the key in "
                + "\(keySource), and that it belongs to this \(provider.rawValue) account. Not retried"
        case .listNotFound(let provider, let url):
            "\(provider.rawValue) answered HTTP 404 for the assistant list at \(url); check base-url (the API "
                + "root\(ProviderDescription.builtIn(provider)?.baseURL.map { ", e.g. \($0.absoluteString)" } ?? ""))"
                + " and the description's list-path. Not retried"
        case .unexpectedStatus(let provider, let status, let page, let message):
            "\(provider.rawValue) answered HTTP \(status)\(page.map { " for page \($0)" } ?? "")"
                + (message.map { ": \($0)" } ?? "")
        case .malformedPage(let provider, let page, let reason):
            "\(provider.rawValue) sent a malformed page\(page.map { " \($0)" } ?? ""): \(reason); nothing from it was "
                + "stored. Check that base-url points at the \(provider.rawValue) API, not a web page or another service"
        case .pagingLoop(let provider, let reason):
            "\(provider.rawValue) paging stopped: \(reason)"
        }
    }
}
