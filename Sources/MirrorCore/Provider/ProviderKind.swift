/// A provider's name: the `provider =` word of an account and the NAME of a `[provider "NAME"]`
/// description. The four built-ins have constants; any other name is a provider the configuration
/// describes (issue 15), so this is an open set of names rather than an enum.
public struct ProviderKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil for a name that is not 1 to 64 lowercase letters, digits, '.', '_' or '-' (the name is
    /// stored in `accounts.provider` and written in configuration headers).
    public init?(rawValue: String) {
        guard Self.accepts(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(builtIn name: String) { rawValue = name }

    public static let puretalk = ProviderKind(builtIn: "puretalk")
    public static let invent = ProviderKind(builtIn: "invent")
    public static let telnyx = ProviderKind(builtIn: "telnyx")
    public static let interactly = ProviderKind(builtIn: "interactly")

    /// The providers the mirror ships a description of, in the order help and messages list them.
    public static let builtIns: [ProviderKind] = [.puretalk, .invent, .telnyx, .interactly]

    public var isBuiltIn: Bool { Self.builtIns.contains(self) }

    public var description: String { rawValue }

    public static let nameRule = "1 to 64 lowercase letters, digits, '.', '_' or '-'"

    static func accepts(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
    }
}
