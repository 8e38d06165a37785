import MirrorCore

/// One account in `status`: what the database knows of it (nothing before its first crawl), and its
/// schedule (only when a daemon runs it). Both in one flat object; a part that is missing leaves its
/// keys out.
public struct AccountStatusEntry: Sendable, Equatable, JSONObjectCodable {
    public let account: String
    public let provider: String
    public let stored: AccountStatus?
    public let schedule: ScheduleEntry?

    public init(account: String, provider: String, stored: AccountStatus?, schedule: ScheduleEntry?) {
        self.account = account
        self.provider = provider
        self.stored = stored
        self.schedule = schedule
    }

    public func encode(into object: inout JSONObject) {
        object["account"] = .string(account)
        object["provider"] = .string(provider)
        if let stored { object.merge(stored) }
        if let schedule { object.merge(schedule) }
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        self.init(
            account: try object.string("account"),
            provider: try object.string("provider"),
            stored: object.has("assistants") ? try AccountStatus(from: object) : nil,
            schedule: object.has("configured") ? try ScheduleEntry(from: object) : nil
        )
    }

    /// The database's accounts in their order, each with its schedule; then the scheduled accounts the
    /// database has not seen yet (configured, never crawled).
    public static func merging(stored: [AccountStatus], schedules: [AccountSchedule]) -> [AccountStatusEntry] {
        let scheduleByAccount = Dictionary(schedules.map { ($0.account, $0) }, uniquingKeysWith: { _, last in last })
        var entries = stored.map { status in
            AccountStatusEntry(
                account: status.account,
                provider: status.provider,
                stored: status,
                schedule: scheduleByAccount[status.account].map(ScheduleEntry.init)
            )
        }
        var seen = Set(stored.map(\.account))
        for schedule in schedules where seen.insert(schedule.account).inserted {
            entries.append(
                AccountStatusEntry(
                    account: schedule.account,
                    provider: schedule.provider.rawValue,
                    stored: nil,
                    schedule: scheduleByAccount[schedule.account].map(ScheduleEntry.init)
                )
            )
        }
        return entries
    }
}
