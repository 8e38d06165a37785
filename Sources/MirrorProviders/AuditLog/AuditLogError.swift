import MirrorCore

/// Why a read of a provider's audit log failed, beyond the HTTP failures every call shares
/// (`ProviderError`). Never quotes a body, a header or a key.
public enum AuditLogError: Error, Equatable, CustomStringConvertible {
    /// The reply, or one of its events, is not what the API documents; nothing from the read is stored.
    case malformed(provider: ProviderKind, page: Int, reason: String)
    /// 404 for the audit log path: this account's API has no audit log there.
    case notFound(provider: ProviderKind, url: String)
    /// More pages than `max-pages` allows, or a page past the last one the reply announced.
    case pagingLoop(provider: ProviderKind, reason: String)

    public var description: String {
        switch self {
        case .malformed(let provider, let page, let reason):
            "\(provider.rawValue) sent a malformed audit log page \(page): \(reason); nothing from this read was stored"
        case .notFound(let provider, let url):
            "\(provider.rawValue) answered HTTP 404 for the audit log at \(url); check base-url, or set "
                + "audit-log = off for this account"
        case .pagingLoop(let provider, let reason):
            "\(provider.rawValue) audit log paging stopped: \(reason)"
        }
    }
}
