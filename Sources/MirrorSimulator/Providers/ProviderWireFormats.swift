/// One wire format per provider, configured from the simulator's options.
struct ProviderWireFormats: Sendable {
    let puretalk: PureTalkAPI
    let invent: InventAPI
    let telnyx: TelnyxAPI
    let interactly: InteractlyAPI

    subscript(provider: SimulatedProvider) -> any ProviderWireFormat {
        switch provider {
        case .puretalk: puretalk
        case .invent: invent
        case .telnyx: telnyx
        case .interactly: interactly
        }
    }
}
