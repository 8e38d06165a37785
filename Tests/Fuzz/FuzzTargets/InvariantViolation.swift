/// A property that must hold for every input did not: the fuzzer turns it into a crash with this text.
public struct InvariantViolation: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Throws `InvariantViolation(message)` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(InvariantViolation) {
    if !condition { throw InvariantViolation(message()) }
}
