import Foundation
import MirrorCore
import MirrorServer
import Synchronization

/// systemd's watchdog (`WatchdogSec=`, sd_notify(3) `WATCHDOG=1`), fed by the components' own progress.
///
/// Each component beats when its loop turns (the scheduler at least every `beatInterval`, the socket's
/// accept loop every second). A ping goes out from inside a beat, and only when every component has
/// beaten since the last ping: a component that stalls (a deadlocked actor, a stuck accept loop)
/// stops the pings, and systemd restarts the service (reliability.md §1.2). Nothing polls.
public final class Watchdog: Sendable {
    private struct State {
        var lastBeat: [String: ContinuousClock.Instant] = [:]
        var lastPing: ContinuousClock.Instant
        var complained: Set<String> = []
    }

    /// How often each component must beat: a quarter of systemd's interval, so two missed beats still
    /// leave time for a ping.
    public let beatInterval: TimeInterval
    private let pingInterval: Duration
    private let components: [String]
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let state: Mutex<State>

    public init(settings: WatchdogSettings, components: [String], notifier: SystemdNotifier, logger: Logger) {
        self.beatInterval = settings.interval.seconds / 4
        self.pingInterval = settings.interval / 4
        self.components = components
        self.notifier = notifier
        self.logger = logger
        self.state = Mutex(State(lastPing: .now))
    }

    /// A component made progress. Pings systemd when every component has beaten since the last ping.
    public func beat(_ component: String) {
        let now = ContinuousClock.now
        let (ping, stalled) = state.withLock { state -> (Bool, [String]) in
            state.lastBeat[component] = now
            state.complained.remove(component)
            guard now - state.lastPing >= pingInterval else { return (false, []) }
            let stale = components.filter { name in state.lastBeat[name].map { $0 < state.lastPing } ?? true }
            guard stale.isEmpty else {
                // Say it once per stall, not at every beat of the healthy components.
                let fresh = stale.filter { state.complained.insert($0).inserted }
                return (false, fresh)
            }
            state.lastPing = now
            return (true, [])
        }
        if ping { _ = notifier.watchdog() }
        for name in stalled {
            logger.error("watchdog: \(name) has not made progress; not pinging systemd")
        }
    }
}
