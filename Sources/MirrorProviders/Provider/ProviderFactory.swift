import MirrorCore

/// Builds the adapter for an account.
public enum ProviderFactory {
    public static func make(
        account: AccountConfiguration,
        apiKey: Secret,
        http: any HTTPFetching
    ) -> any AssistantProvider {
        switch account.provider {
        case .puretalk: PureTalkProvider(account: account, apiKey: apiKey, http: http)
        case .invent: InventProvider(account: account, apiKey: apiKey, http: http)
        case .telnyx: TelnyxProvider(account: account, apiKey: apiKey, http: http)
        case .interactly: InteractlyProvider(account: account, apiKey: apiKey, http: http)
        }
    }
}
