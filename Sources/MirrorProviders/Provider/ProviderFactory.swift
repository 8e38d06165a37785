import MirrorCore

/// Builds the adapter for an account: every provider, built-in or described, is a description.
public enum ProviderFactory {
    public static func make(
        account: AccountConfiguration,
        apiKey: Secret,
        http: any HTTPFetching
    ) -> any AssistantProvider {
        DescribedProvider(account: account, apiKey: apiKey, http: http)
    }

    /// The reader of the account's audit log; nil when its provider has none or `audit-log = off`.
    public static func makeAuditLog(
        account: AccountConfiguration,
        apiKey: Secret,
        http: any HTTPFetching
    ) -> AuditLogReader? {
        account.auditLogPath.map { path in
            AuditLogReader(
                requester: DescribedProvider.requester(account: account, apiKey: apiKey, http: http),
                path: path,
                maxPages: account.maxPages
            )
        }
    }
}
