import Synchronization

/// How the runs of `notify-exec` ended since the daemon started, for the metrics.
final class NotificationCounts: Sendable {
    enum Outcome: String, CaseIterable, Sendable {
        /// The program exited 0.
        case delivered
        /// It could not be started, exited non-zero or died of a signal.
        case failed
        /// It outlived `notify-timeout` and its process group was killed.
        case timeout
    }

    private let counts = Mutex<[Outcome: Int]>([:])

    var snapshot: [Outcome: Int] { counts.withLock { $0 } }

    func record(_ outcome: Outcome) {
        counts.withLock { $0[outcome, default: 0] += 1 }
    }
}
