import MirrorCore
import MirrorProviders
import MirrorStore

/// One read of an account's audit log after its crawl: the events created since the last read (with
/// an overlap), stored redacted and append-only, then the revisions they fall in attributed. A failed
/// read is recorded for `status` and logged once, and never fails the crawl it follows.
public struct AuditLogSync: Sendable {
    /// How far each read reaches back before the end of the last one. Telnyx documents its audit log as
    /// best-effort and eventually consistent: an event can be listed minutes after the change it
    /// records, with a `created_at` before the end of the read that missed it. Events later than this
    /// are missed, and their revisions stay unattributed.
    public static let overlap: Duration = .seconds(15 * 60)

    let store: MirrorStore
    let account: AccountConfiguration
    let reader: AuditLogReader
    let normalizer: Normalizer
    let logger: Logger
    let now: @Sendable () -> String

    public init(
        store: MirrorStore,
        account: AccountConfiguration,
        reader: AuditLogReader,
        normalizer: Normalizer,
        logger: Logger,
        now: @escaping @Sendable () -> String = Timestamp.now
    ) {
        self.store = store
        self.account = account
        self.reader = reader
        self.normalizer = normalizer
        self.logger = logger.with(["account": account.name])
        self.now = now
    }

    /// What one read did; nil `error` means it succeeded.
    public struct Outcome: Sendable, Equatable {
        public var eventsStored = 0
        public var attributed = 0
        public var error: String?
    }

    /// Never throws: a failure is recorded and returned.
    public func read() async -> Outcome {
        var outcome = Outcome()
        let until = now()
        var accountID: Int?
        var failingAlready = false
        do {
            let (id, start, lastError) = try await store.write { writer in
                let id = try writer.accountID(name: account.name, provider: account.provider, now: until)
                return (id, try writer.auditLogReadStart(accountID: id), try writer.lastAuditLogError(accountID: id))
            }
            accountID = id
            failingAlready = lastError != nil
            guard let start else { return outcome }
            let after = Timestamp.parse(start).map { Timestamp.format($0.addingTimeInterval(-Self.overlap.seconds)) }
            let since = after ?? start
            let events = try await reader.events(createdAfter: since, createdBefore: until)
            let records = events.map(normalizer.redactedAuditRecord)
            (outcome.eventsStored, outcome.attributed) = try await store.write { writer in
                let stored = try writer.storeAuditEvents(events, records: records, accountID: id, receivedAt: until)
                let attributed = try writer.attributeRevisions(accountID: id, observedAfter: since, now: until)
                try writer.recordAuditLogRead(
                    accountID: id,
                    readUntil: until,
                    at: until,
                    error: nil,
                    eventsStored: stored
                )
                return (stored, attributed)
            }
            if outcome.attributed > 0 || outcome.eventsStored > 0 {
                logger.info(
                    "audit log read",
                    ["events": String(outcome.eventsStored), "attributed": String(outcome.attributed)]
                )
            }
        } catch {
            let message = String(describing: error)
            outcome.error = message
            // Logged once per run of failures: a read that keeps failing stays quiet until one succeeds.
            if !failingAlready {
                logger.warning("audit log read failed; the crawl is unaffected and the next read retries: \(message)")
            }
            if let accountID {
                _ = try? await store.write { writer in
                    try writer.recordAuditLogRead(
                        accountID: accountID,
                        readUntil: nil,
                        at: until,
                        error: message,
                        eventsStored: 0
                    )
                }
            }
        }
        return outcome
    }
}
