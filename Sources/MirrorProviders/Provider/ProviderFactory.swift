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
}
