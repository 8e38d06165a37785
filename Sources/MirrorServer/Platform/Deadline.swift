/// The moment by which a whole operation must be finished, on the monotonic clock.
///
/// Socket reads and writes take a deadline for the whole line or reply, not a timeout per system call:
/// a per-call timeout restarts with every byte, so a peer trickling one byte a second could hold a
/// connection open forever (the "slowloris" pattern).
struct Deadline {
    private let instant: ContinuousClock.Instant?

    /// A deadline `duration` from now, or none at all when `duration` is nil.
    init(after duration: Duration?) {
        instant = duration.map { ContinuousClock.now.advanced(by: $0) }
    }

    /// The timeout argument for poll(2): the milliseconds left, rounded up so that a sub-millisecond
    /// remainder waits instead of spinning on `poll(…, 0)`; -1 (wait forever) when there is no
    /// deadline; nil when the deadline has passed.
    func pollTimeout() -> Int32? {
        guard let instant else { return -1 }
        let remaining = ContinuousClock.now.duration(to: instant)
        guard remaining > .zero else { return nil }
        let (seconds, attoseconds) = remaining.components
        guard seconds < Int64(Int32.max / 1000) else { return Int32.max }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = seconds * 1000 + (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        return Int32(milliseconds)
    }
}
