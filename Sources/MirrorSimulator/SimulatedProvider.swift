/// The four providers the simulator imitates; the raw value is also the URL prefix's first segment.
public enum SimulatedProvider: String, Sendable, CaseIterable, CustomStringConvertible {
    case puretalk, invent, telnyx, interactly

    public var description: String { rawValue }

    /// Where this provider's API root lives on the simulator (`base-url` of a mirror account).
    public var pathPrefix: String {
        switch self {
        case .puretalk: "/puretalk/api"
        case .invent: "/invent"
        case .telnyx: "/telnyx/v2"
        case .interactly: "/interactly"
        }
    }
}
