/// One wire format per provider, configured from the simulator's options.
struct ProviderWireFormats: Sendable {
    let puretalk: PureTalkAPI
    let invent: InventAPI
    let telnyx: TelnyxAPI
    let interactly: InteractlyAPI
    let openAIStyle = OpenAIStyleAPI()
    /// The providers this simulator serves and seeds: the four built-ins, plus `openAIStyle` when opted in.
    let served: [SimulatedProvider]

    subscript(provider: SimulatedProvider) -> any ProviderWireFormat {
        switch provider {
        case .puretalk: puretalk
        case .invent: invent
        case .telnyx: telnyx
        case .interactly: interactly
        case .openAIStyle: openAIStyle
        }
    }
}
