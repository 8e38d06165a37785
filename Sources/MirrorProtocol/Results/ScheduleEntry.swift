import MirrorCore

/// An account's place in the running daemon's schedule, as `status` adds it to the account's row.
public struct ScheduleEntry: Sendable, Equatable, JSONObjectCodable {
    public let running: Bool
    public let breaker: String
    public let consecutiveFailures: Int
    public let nextCrawlAt: String

    public init(running: Bool, breaker: String, consecutiveFailures: Int, nextCrawlAt: String) {
        self.running = running
        self.breaker = breaker
        self.consecutiveFailures = consecutiveFailures
        self.nextCrawlAt = nextCrawlAt
    }

    public init(_ schedule: AccountSchedule) {
        self.init(
            running: schedule.running,
            breaker: schedule.breaker.rawValue,
            consecutiveFailures: schedule.consecutiveFailures,
            nextCrawlAt: Timestamp.format(schedule.nextRun)
        )
    }

    public func encode(into object: inout JSONObject) {
        object["running"] = .bool(running)
        object["breaker"] = .string(breaker)
        object["consecutive_failures"] = JSONValue(consecutiveFailures)
        object["next_crawl_at"] = .string(nextCrawlAt)
        // Only accounts of the running configuration have a schedule.
        object["configured"] = true
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            running: try object.bool("running"),
            breaker: try object.string("breaker"),
            consecutiveFailures: try object.int("consecutive_failures"),
            nextCrawlAt: try object.string("next_crawl_at")
        )
    }
}
