/// The APIs the simulator imitates; the raw value is also the URL prefix's first segment.
///
/// Not `CaseIterable` on purpose: `builtIn` lists the four built-in providers, the ones the mirror has adapters
/// for and that the sample configuration, `demo` and benchmarks iterate. `openAIStyle` (an OpenAI-Assistants-
/// shaped API, issue 15's proof that a provider can be described as data) is opt-in through
/// `ProviderSimulator.Options.servesOpenAIStyle`, so nothing that reads the defaults meets it unasked.
public enum SimulatedProvider: String, Sendable, CustomStringConvertible {
    case puretalk, invent, telnyx, interactly
    case openAIStyle = "openai-style"

    /// The four built-in providers (see the type's comment for why `openAIStyle` is not among them).
    public static let builtIn: [SimulatedProvider] = [.puretalk, .invent, .telnyx, .interactly]
    /// Every API the simulator can serve, the opt-in one last.
    public static let everyProvider: [SimulatedProvider] = builtIn + [.openAIStyle]

    public var description: String { rawValue }

    /// Where this provider's API root lives on the simulator (`base-url` of a mirror account).
    public var pathPrefix: String {
        switch self {
        case .puretalk: "/puretalk/api"
        case .invent: "/invent"
        case .telnyx: "/telnyx/v2"
        case .interactly: "/interactly"
        case .openAIStyle: "/openai-style"
        }
    }
}
