import Glibc

/// The service watchdog systemd asks for with `WatchdogSec=` (systemd.service(5)).
///
/// Read the way sd_watchdog_enabled(3) reads it: `$WATCHDOG_USEC` is the interval, and it applies to
/// this process only if `$WATCHDOG_PID` is unset or names this process (the variables may have been
/// inherited from a supervised parent).
public struct WatchdogSettings: Sendable, Equatable {
    /// The time systemd waits for `WATCHDOG=1` before it declares the service hung.
    public let interval: Duration

    /// How often to ping: half the interval, as sd_watchdog_enabled(3) recommends, so one late ping
    /// does not fail the service.
    public var pingInterval: Duration { interval / 2 }

    public init(interval: Duration) {
        self.interval = interval
    }

    /// The settings for this process, or nil when no watchdog is asked of it (variable absent, not a
    /// positive number of microseconds, or meant for another process).
    public static func from(environment: [String: String], currentPID: pid_t = getpid()) -> WatchdogSettings? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
            return nil
        }
        if let pidText = environment["WATCHDOG_PID"] {
            guard let pid = pid_t(pidText), pid == currentPID else { return nil }
        }
        return WatchdogSettings(interval: .microseconds(microseconds))
    }
}
