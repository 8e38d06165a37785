import Dispatch

/// One libFuzzer target: a name, which is also its seed corpus directory (`Tests/Fuzz/Corpus/<name>`),
/// and a check that hands the bytes to one public entry point and throws `InvariantViolation` when a
/// property that must hold for every input does not. Crashes, hangs and leaks need no check: libFuzzer
/// and AddressSanitizer see those by themselves.
public struct FuzzTarget: Sendable {
    public enum Check: Sendable {
        case synchronous(@Sendable ([UInt8]) throws(InvariantViolation) -> Void)
        /// For an entry point that is async (a provider adapter's page fetch).
        case asynchronous(@Sendable ([UInt8]) async throws(InvariantViolation) -> Void)
    }

    public let name: String
    public let check: Check

    public init(name: String, check: Check) {
        self.name = name
        self.check = check
    }

    public static let all: [FuzzTarget] =
        [
            JSONTarget.target, ConfigTarget.target, QueryRequestTarget.target, TimestampTarget.target,
            DurationTarget.target, AuditLogTarget.target,
        ] + ProviderPageTarget.targets

    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// Runs the check from async code (the tests, the corpus replayer).
    public func run(_ input: [UInt8]) async throws(InvariantViolation) {
        switch check {
        case .synchronous(let body): try body(input)
        case .asynchronous(let body): try await body(input)
        }
    }

    /// Runs the check from a thread outside Swift's cooperative pool (libFuzzer's main thread), waiting
    /// for an asynchronous check to finish. Never call it from a task: it would hold a pool thread.
    public func runBlocking(_ input: [UInt8]) throws(InvariantViolation) {
        switch check {
        case .synchronous(let body):
            try body(input)
        case .asynchronous(let body):
            let outcome = BlockingOutcome()
            // `immediate` runs the task on this thread up to its first real suspension; the canned HTTP
            // answers without one, so the check usually finishes here instead of hopping to the pool.
            Task.immediate {
                do throws(InvariantViolation) {
                    try await body(input)
                } catch {
                    outcome.violation = error
                }
                outcome.done.signal()
            }
            outcome.done.wait()
            if let violation = outcome.violation { throw violation }
        }
    }
}

/// The result of one asynchronous check. The task writes `violation` before it signals `done`, and the
/// waiter reads it only after `done.wait()` returns, so the semaphore orders the two accesses.
private final class BlockingOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var violation: InvariantViolation?
}
