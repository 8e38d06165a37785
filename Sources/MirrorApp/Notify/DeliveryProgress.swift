/// Which changes of a batch are handled, and so how far the cursor may move: to the last seq of the
/// longest handled prefix, since a change still running must be retried if the daemon dies.
struct DeliveryProgress {
    private let order: [Int]
    private var done = Set<Int>()
    private var prefix = 0

    init(order: [Int]) {
        self.order = order
    }

    mutating func handled(_ seq: Int) {
        done.insert(seq)
        while prefix < order.count, done.contains(order[prefix]) { prefix += 1 }
    }

    /// The seq the cursor may move to; nil while the first change is still pending.
    var handledThrough: Int? { prefix == 0 ? nil : order[prefix - 1] }

    var allHandled: Bool { prefix == order.count }
}
