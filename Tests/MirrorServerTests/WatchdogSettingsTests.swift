import Testing

@testable import MirrorServer

@Suite struct WatchdogSettingsTests {
    @Test func intervalComesFromWatchdogUsecAndPingsAtHalf() throws {
        let settings = try #require(WatchdogSettings.from(environment: ["WATCHDOG_USEC": "30000000"], currentPID: 42))
        #expect(settings.interval == .seconds(30))
        #expect(settings.pingInterval == .seconds(15))
    }

    @Test func aMatchingWatchdogPidEnablesIt() {
        let settings = WatchdogSettings.from(
            environment: ["WATCHDOG_USEC": "1000", "WATCHDOG_PID": "42"],
            currentPID: 42
        )
        #expect(settings == WatchdogSettings(interval: .milliseconds(1)))
    }

    @Test(arguments: [
        [:],
        ["WATCHDOG_USEC": ""],
        ["WATCHDOG_USEC": "soon"],
        ["WATCHDOG_USEC": "0"],
        ["WATCHDOG_USEC": "-5"],
        ["WATCHDOG_USEC": "1000", "WATCHDOG_PID": "43"],
        ["WATCHDOG_USEC": "1000", "WATCHDOG_PID": "self"],
    ])
    func noWatchdogForThisProcess(environment: [String: String]) {
        #expect(WatchdogSettings.from(environment: environment, currentPID: 42) == nil)
    }
}
