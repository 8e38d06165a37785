import Synchronization

/// A value that a reload replaces whole, shared by reference between the daemon's parts (a `Mutex`
/// cannot be captured by a closure; a class holding one can).
final class Current<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
