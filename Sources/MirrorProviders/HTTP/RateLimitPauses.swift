import Synchronization

/// Pauses announced by servers that report their remaining budget, per origin: after a response with
/// `x-ratelimit-remaining: 0`, the next request to that origin waits for `x-ratelimit-reset` instead of
/// spending a request on a certain 429 (Telnyx documents these headers; GitHub's rate-limit guide warns
/// that continuing while limited risks a ban).
final class RateLimitPauses: Sendable {
    typealias Instant = ContinuousClock.Instant

    private let resumeAt = Mutex<[Origin: Instant]>([:])

    /// Holds requests to `origin` until `instant`; a later pause already in place is kept.
    func pause(_ origin: Origin, until instant: Instant) {
        resumeAt.withLock { pauses in
            pauses[origin] = max(pauses[origin] ?? instant, instant)
        }
    }

    /// How long a request to `origin` must still wait at `now`, or nil when it may go at once.
    func remainingPause(for origin: Origin, now: Instant) -> Duration? {
        resumeAt.withLock { pauses in
            guard let instant = pauses[origin] else { return nil }
            guard instant > now else {
                pauses[origin] = nil
                return nil
            }
            return now.duration(to: instant)
        }
    }
}
