import Foundation
import MirrorCore
import MirrorStore

/// `notify-exec`: runs the configured program once per committed row of `prompt_changes`, woken after
/// each crawl (and once at start-up, to finish what a stop left pending).
///
/// Order and durability: changes are taken in seq order from the durable cursor (`notify_cursor`,
/// migration 0006); at most `concurrency` programs run at once; the cursor moves past a change only
/// once it and every change before it are handled (delivered, failed for good, or skipped), so a
/// restart repeats nothing that was recorded as handled. A program that fails or times out is logged
/// once, with its exit status, and is not retried: a broken hook must not hold up the changes after
/// it. If the daemon dies after a program ran but before the cursor was saved, that change (and any
/// other in flight) runs again at the next start: delivery is at-least-once, and the `seq` in the
/// JSON lets a receiver drop a repeat. A crawl never waits for any of this.
struct ChangeNotificationService: Service {
    let name = "notifications"
    let store: MirrorStore
    let configuration: @Sendable () -> MirrorConfiguration
    let wakeup: Wakeup
    let counts: NotificationCounts
    let environment: [String: String]
    let logger: Logger

    static let concurrency = 4
    static let batchSize = 64

    func run() async {
        await catchUp()
        for await _ in wakeup.rings {
            await catchUp()
        }
    }

    /// Handles every change committed so far, a batch at a time.
    func catchUp() async {
        do {
            while !Task.isCancelled, try await handleBatch() {}
        } catch {
            logger.error("change notifications paused until the next crawl: \(error)")
        }
    }

    /// One batch after the cursor; returns whether there may be more.
    private func handleBatch() async throws -> Bool {
        let settings = configuration()
        let now = Timestamp.now()
        let reader = try MirrorReader(path: store.path)
        guard settings.notifyExec != nil || settings.accounts.contains(where: { $0.notifyExec != nil }) else {
            // Nobody listens: drop the cursor (one write, then none), so turning notifications on
            // later starts from then rather than replaying what happened meanwhile.
            if try reader.scalarInt("SELECT count(*) FROM notify_cursor") != 0 {
                try await store.write { try $0.dropNotifyCursor() }
            }
            return false
        }
        let cursor = try await store.write { try $0.notifyCursor(now: now) }
        let changes = try reader.promptChanges(after: cursor, limit: Self.batchSize)
        guard !changes.isEmpty else { return false }
        var progress = DeliveryProgress(order: changes.map(\.seq))
        await withTaskGroup(of: (seq: Int, handled: Bool).self) { group in
            var running = 0
            for change in changes {
                guard change.afterBaseline, let program = settings.notifyProgram(forAccount: change.account) else {
                    progress.handled(change.seq)
                    continue
                }
                if running == Self.concurrency, let finished = await group.next() {
                    running -= 1
                    await record(finished, in: &progress)
                }
                let notifyProgram = NotifyProgram(
                    path: program,
                    timeout: settings.notifyTimeout,
                    environment: environment
                )
                group.addTask { (change.seq, await deliver(change.row, seq: change.seq, with: notifyProgram)) }
                running += 1
            }
            while let finished = await group.next() { await record(finished, in: &progress) }
        }
        try await saveCursor(progress)
        return changes.count == Self.batchSize && progress.allHandled
    }

    private func record(_ finished: (seq: Int, handled: Bool), in progress: inout DeliveryProgress) async {
        guard finished.handled else { return }
        progress.handled(finished.seq)
        do {
            try await saveCursor(progress)
        } catch {
            logger.error("cannot save the notify cursor: \(error)")
        }
    }

    private func saveCursor(_ progress: DeliveryProgress) async throws {
        guard let seq = progress.handledThrough else { return }
        let now = Timestamp.now()
        try await store.write { try $0.advanceNotifyCursor(to: seq, now: now) }
    }

    /// Runs the program for one change; false only when the daemon is stopping (the change stays pending).
    private func deliver(_ row: [String: JSONValue], seq: Int, with program: NotifyProgram) async -> Bool {
        let document = PromptChangeDocument(row: row)
        let ending = await program.run(input: document.bytes)
        let fields = document.logFields.merging(["program": program.path, "seq": String(seq)]) { $1 }
        switch ending {
        case .exited(0):
            counts.record(.delivered)
            logger.info("prompt change notified", fields)
        case .interrupted:
            logger.notice("prompt change notification interrupted; it runs again at the next start", fields)
            return false
        case .timedOut:
            counts.record(.timeout)
            logger.error(
                "notify-exec timed out after \(program.timeout.readable); its process group was killed; not retried",
                fields
            )
        default:
            counts.record(.failed)
            logger.error("notify-exec failed (\(ending)); not retried", fields)
        }
        return true
    }
}
