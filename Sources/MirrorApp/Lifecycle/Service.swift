/// A long-lived part of the daemon: it runs until its task is cancelled, then finishes what is in
/// flight and returns. Cancellation is the one stop signal, as in Swift's structured concurrency.
public protocol Service: Sendable {
    /// How logs name it.
    var name: String { get }
    func run() async
}
