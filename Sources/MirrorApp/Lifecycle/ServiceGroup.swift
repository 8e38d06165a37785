import MirrorCore

/// Runs services side by side as children of one task group, and stops them one at a time in the
/// reverse of their start order, each only after the one started after it has returned.
///
/// The shape of swift-service-lifecycle's `ServiceGroup`, written small: the daemon starts the socket,
/// then the scheduler, then maintenance; on SIGTERM maintenance stops first, the scheduler finishes or
/// rolls back its page, and the socket answers until the very end. Each service runs in a child task
/// of its own inner group beside a "stop" waiter, so it can be cancelled alone while the whole tree
/// stays structured: no task outlives `run()`.
public struct ServiceGroup: Sendable {
    private let services: [any Service]
    private let logger: Logger

    public init(services: [any Service], logger: Logger) {
        self.services = services
        self.logger = logger
    }

    /// Runs until `shutdown` yields (or finishes), or until any service returns on its own; then stops
    /// the rest in reverse order and returns when all have ended.
    public func run(until shutdown: AsyncStream<Void>) async {
        let stops = services.map { _ in AsyncStream.makeStream(of: Void.self) }
        let (ended, endedSink) = AsyncStream.makeStream(of: Int.self)
        await withTaskGroup(of: Void.self) { group in
            for (index, service) in services.enumerated() {
                let stop = stops[index].stream
                group.addTask {
                    await withTaskGroup(of: Void.self) { pair in
                        pair.addTask { await service.run() }
                        pair.addTask { for await _ in stop {} }
                        await pair.next()
                        pair.cancelAll()
                    }
                    endedSink.yield(index)
                }
            }
            group.addTask {
                for await _ in shutdown { break }
                endedSink.yield(-1)
            }
            var running = Set(services.indices)
            var endedIterator = ended.makeAsyncIterator()
            if let first = await endedIterator.next(), first >= 0 {
                running.remove(first)
                logger.notice("\(services[first].name) ended; stopping the others")
            }
            for index in services.indices.reversed() where running.contains(index) {
                stops[index].continuation.finish()
                while let next = await endedIterator.next() {
                    running.remove(next)
                    if next == index { break }
                }
            }
            group.cancelAll()
        }
    }
}
