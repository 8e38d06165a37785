import Dispatch
import Synchronization

/// One dispatch timer for the deadlines of every attempt in flight, armed for the earliest one that matters.
///
/// A timer per attempt (a `Task.sleep` raced in a task group) cost each page two child tasks, their
/// hand-offs between threads, and a libdispatch timer that stayed queued for the whole deadline after the
/// page had long arrived. Attempts share one duration, so a later attempt's deadline is never earlier than
/// the one armed: a sequential crawl re-arms this timer about once per deadline period, not once per page.
final class DeadlineTimer: Sendable {
    /// libdispatch sources may be scheduled and cancelled from any thread (dispatch_source_set_timer(3)),
    /// but Dispatch's Swift overlay does not mark the protocol Sendable.
    nonisolated(unsafe) private let source: any DispatchSourceTimer
    /// The instant the source is scheduled for, nil while it is idle; guarded so that arming and the
    /// handler's re-arming never leave the source later than the earliest deadline.
    private let armed = Mutex<DispatchTime?>(nil)

    init(label: String) {
        source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: label))
    }

    /// Starts the timer. `expire` runs on a private serial queue once the armed instant has passed: it ends
    /// what is overdue and returns the earliest deadline still pending, or nil when none is.
    func activate(expire: @escaping @Sendable () -> DispatchTime?) {
        source.setEventHandler { [weak self] in
            guard let self else { return }
            armed.withLock { $0 = nil }
            if let next = expire() { fire(by: next) }
        }
        source.activate()
    }

    deinit {
        source.cancel()
    }

    /// The instant `duration` from now on the monotonic clock the timer reads, saturating far beyond any
    /// configurable deadline instead of overflowing.
    static func instant(after duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return .now() }
        let (whole, overflow) = UInt64(clamping: seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let nanoseconds = overflow ? UInt64.max : whole &+ UInt64(clamping: attoseconds / 1_000_000_000)
        let (sum, late) = DispatchTime.now().uptimeNanoseconds.addingReportingOverflow(nanoseconds)
        return late ? .distantFuture : DispatchTime(uptimeNanoseconds: sum)
    }

    /// Makes sure the timer fires no later than `deadline`; a no-op while it is armed for an earlier instant.
    func fire(by deadline: DispatchTime) {
        armed.withLock { armed in
            if let current = armed, current <= deadline { return }
            armed = deadline
            // A small leeway lets libdispatch coalesce wake-ups; deadlines are minutes, cut to the second.
            source.schedule(deadline: deadline, leeway: .milliseconds(10))
        }
    }
}
