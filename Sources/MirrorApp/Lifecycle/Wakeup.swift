/// A doorbell for a service that works after each crawl: `ring()` never blocks, and rings that come
/// while the service is busy collapse into one (the stream keeps only the newest), since one pass
/// catches up with everything committed so far.
struct Wakeup: Sendable {
    let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func ring() {
        continuation.yield()
    }
}
