/// A JSON document that does not have the shape a protocol type expects.
public struct JSONShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
