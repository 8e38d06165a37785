/// A request as the simulator received it, so tests can check paths, paging parameters and auth headers.
public struct RecordedRequest: Sendable {
    /// Nil when the path is under no provider's prefix.
    public let provider: SimulatedProvider?
    public let method: String
    /// The full decoded path, prefix included.
    public let path: String
    public let query: [String: String]
    /// Lowercased names.
    public let headers: [String: String]
}
