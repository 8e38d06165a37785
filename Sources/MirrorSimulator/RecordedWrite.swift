import Foundation

/// A request that was not a read (an update, or any other method sent to a provider), as the simulator received
/// it and what came of it, so tests can assert exactly what a mirror sent. Printable: it carries no key.
public struct RecordedWrite: Sendable {
    public let provider: SimulatedProvider
    public let method: String
    /// The full decoded path, prefix included.
    public let path: String
    /// Lowercased names. The credential header's value is replaced by `valid key` or `wrong key`, so the log says
    /// where the key went and whether it was right without holding it.
    public let headers: [String: String]
    public let body: Data
    /// The status the simulator answered.
    public let status: Int
    /// The changes it applied to the world (none when refused).
    public let edits: [SimulatedEdit]

    /// The body parsed with `JSONSerialization`; nil when it is not JSON.
    public var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
}
