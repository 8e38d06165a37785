import Foundation
import MirrorCore
import MirrorStore
import MirrorSync

/// Answers one request with a read-only connection of its own. Runs on a connection's thread; the
/// only shared state it touches is the scheduler (an actor) and the change notifier.
public final class QueryHandler {
    /// What the handler needs from the running daemon; nil when answering from a database alone.
    public struct DaemonContext: Sendable {
        public let scheduler: Scheduler
        public let startedAt: String
        public let syncPolicy: SyncPermission

        public init(scheduler: Scheduler, startedAt: String, syncPolicy: SyncPermission) {
            self.scheduler = scheduler
            self.startedAt = startedAt
            self.syncPolicy = syncPolicy
        }
    }

    /// Longest a single query may run before it is interrupted (sqlite3_interrupt).
    public static let queryDeadline: TimeInterval = 10
    public static let maxPage = 1000

    let reader: MirrorReader
    let daemon: DaemonContext?

    public init(reader: MirrorReader, daemon: DaemonContext?) {
        self.reader = reader
        self.daemon = daemon
    }

    /// The result of a one-shot op, or the failure to reply with.
    public func handle(_ request: QueryRequest, peer: PeerCredentials?) -> Result<JSONValue, QueryFailure> {
        guard let operation = QueryOperation(rawValue: request.op) else {
            return .failure(
                QueryFailure(
                    id: request.id,
                    code: .unknownOp,
                    message: "unknown op \"\(request.op)\"; ops: \(QueryOperation.allNames)"
                )
            )
        }
        do {
            return .success(try withDeadline { try self.perform(operation, request, peer: peer) })
        } catch let failure as QueryFailure {
            return .failure(failure)
        } catch let error as QueryError {
            return .failure(QueryFailure(id: request.id, code: Self.code(of: error), message: error.description))
        } catch let error as SQLiteError where error.primaryCode == 9 {  // SQLITE_INTERRUPT
            return .failure(
                QueryFailure(
                    id: request.id,
                    code: .timeout,
                    message: "the query ran longer than \(Int(Self.queryDeadline)) s and was stopped"
                )
            )
        } catch let error as SQLiteError where error.isBusy {
            return .failure(QueryFailure(id: request.id, code: .busy, message: "the database is busy; try again"))
        } catch {
            return .failure(QueryFailure(id: request.id, code: .internalError, message: String(describing: error)))
        }
    }

    private func perform(
        _ operation: QueryOperation,
        _ request: QueryRequest,
        peer: PeerCredentials?
    ) throws -> JSONValue {
        switch operation {
        case .status: return try status()
        case .list: return try list(request)
        case .show: return try reader.show(assistantID: try resolve(request))
        case .history: return try history(request)
        case .diff: return try diff(request)
        case .changes: return try changes(request)
        case .report: return try report(request)
        case .verify: return try verify(request)
        case .sync: return try sync(request, peer: peer)
        }
    }

    // MARK: - Ops

    private func status() throws -> JSONValue {
        let states = daemon.map { context in Self.blocking { await context.scheduler.states() } } ?? []
        var rows: [String: [String: JSONValue]] = [:]
        var order: [String] = []
        for case .object(let row) in try reader.accountStatus() {
            guard let name = row["account"]?.stringValue else { continue }
            rows[name] = row
            order.append(name)
        }
        for state in states {
            var row =
                rows[state.account] ?? [
                    "account": .string(state.account), "provider": .string(state.provider.rawValue),
                ]
            row["running"] = .bool(state.running)
            row["breaker"] = .string(state.breaker.rawValue)
            row["consecutive_failures"] = .number(String(state.consecutiveFailures))
            row["next_crawl_at"] = .string(Timestamp.format(state.nextRun))
            row["configured"] = true
            if rows[state.account] == nil { order.append(state.account) }
            rows[state.account] = row
        }
        var result: [String: JSONValue] = [
            "accounts": .array(order.map { .object(rows[$0]!) }),
            "revisions": .number(String(try reader.revisionCount())),
            "chain_head": Self.json(try reader.chainHead()),
            "database": .string(reader.connection.path),
            "version": .string(MirrorVersion.current),
        ]
        if let daemon {
            result["daemon"] = ["pid": .number(String(getpid())), "started_at": .string(daemon.startedAt)]
        }
        return .object(result)
    }

    private func list(_ request: QueryRequest) throws -> JSONValue {
        var filter = MirrorReader.ListFilter()
        filter.provider = try request.string("provider")
        filter.account = try request.string("account")
        filter.text = try request.string("text")
        filter.includeDeleted = try request.bool("include_deleted")
        filter.limit = try request.int("limit", default: 100, range: 1...Self.maxPage)!
        filter.offset = try request.int("offset", default: 0, range: 0...Int(Int32.max))!
        let rows = try reader.list(filter)
        return [
            "assistants": .array(rows), "limit": .number(String(filter.limit)),
            "offset": .number(String(filter.offset)),
        ]
    }

    private func history(_ request: QueryRequest) throws -> JSONValue {
        let id = try resolve(request)
        let current = try reader.show(assistantID: id)
        var summary: [String: JSONValue] = [:]
        for key in ["id", "account", "provider", "remote_id", "name", "deleted_at", "revision"] {
            summary[key] = current[key] ?? .null
        }
        return ["assistant": .object(summary), "revisions": .array(try reader.history(assistantID: id))]
    }

    /// Between two revisions (default: the last two): the prompt as a unified diff, every other field
    /// as path: old → new.
    private func diff(_ request: QueryRequest) throws -> JSONValue {
        let id = try resolve(request)
        let latest = try reader.latestRevisionNumber(assistantID: id)
        let to = try request.int("to", default: latest, range: 1...max(latest, 1))!
        let from = try request.int("from", default: to - 1, range: 0...max(latest, 1))!
        guard from >= 1 else {
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "the assistant has only one revision before \(to); nothing to compare"
            )
        }
        let current = try reader.show(assistantID: id)
        let label = "\(current["account"]?.stringValue ?? "")/\(current["remote_id"]?.stringValue ?? "")"
        let old = try reader.revision(assistantID: id, number: from)
        let new = try reader.revision(assistantID: id, number: to)
        let provider = current["provider"]?.stringValue.flatMap(ProviderKind.init(rawValue:))
        let schema = provider.map(ProviderSchema.of)
        let fields = FieldDiffer.changes(
            from: (try? JSONParser.parse(old.snapshot)) ?? .null,
            to: (try? JSONParser.parse(new.snapshot)) ?? .null,
            isPromptBearing: { schema?.isPromptBearing($0) ?? false }
        )
        return [
            "assistant": .string(label), "from": .number(String(from)), "to": .number(String(to)),
            "old_prompt": old.prompt.map(JSONValue.string) ?? .null,
            "new_prompt": new.prompt.map(JSONValue.string) ?? .null,
            "prompt_diff": .string(
                LineDiff.unified(
                    old: old.prompt ?? "",
                    new: new.prompt ?? "",
                    oldLabel: "\(label) revision \(from)",
                    newLabel: "\(label) revision \(to)"
                )
            ),
            "fields": .array(
                fields.map { change in
                    [
                        "path": .string(change.path), "old_value": change.oldValue.map(JSONValue.string) ?? .null,
                        "new_value": change.newValue.map(JSONValue.string) ?? .null,
                        "prompt_bearing": .bool(change.promptBearing),
                    ]
                }
            ),
        ]
    }

    /// The next page of the change feed after `after` (a seq the client keeps as its cursor).
    public func changesPage(_ request: QueryRequest, after: Int) throws -> [JSONValue] {
        try reader.changes(
            afterSeq: after,
            since: try request.timestamp("since"),
            account: try request.string("account"),
            limit: try request.int("limit", default: 100, range: 1...Self.maxPage)!
        )
    }

    private func changes(_ request: QueryRequest) throws -> JSONValue {
        let after = try request.int("after", default: 0, range: 0...Int.max)!
        let rows = try changesPage(request, after: after)
        let next = rows.last?["seq"]?.intValue ?? after
        return ["changes": .array(rows), "next_after": .number(String(next))]
    }

    /// The rows and the verification come from one read transaction, so the chain head printed with the
    /// report is the head of the very snapshot its rows were read from. `head` (SEQ:HASH, recorded
    /// earlier) makes verify also catch a truncated tail or a recomputed chain.
    private func report(_ request: QueryRequest) throws -> JSONValue {
        let kind = try request.string("kind") ?? "prompts"
        guard kind == "prompts" else {
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "report kind \"\(kind)\" is unknown; the one report is \"prompts\""
            )
        }
        let since = try request.timestamp("since")
        let until = try request.timestamp("until")
        let account = try request.string("account")
        let anchor = try anchoredHead(request)
        let (rows, verification) = try reader.connection.readTransaction {
            (
                try reader.promptChanges(since: since, until: until, account: account),
                try ChainVerifier(connection: reader.connection).verify(anchoredHead: anchor)
            )
        }
        return [
            "kind": "prompts", "generated_at": .string(Timestamp.now()),
            "since": since.map(JSONValue.string) ?? .null, "until": until.map(JSONValue.string) ?? .null,
            "rows": .array(rows), "chain_head": Self.json(verification.head), "verify": Self.json(verification),
        ]
    }

    private func verify(_ request: QueryRequest) throws -> JSONValue {
        VerificationReply.json(reader.verifyDatabase(anchoredHead: try anchoredHead(request)))
    }

    /// The optional `head` parameter: SEQ:HASH as `status` and every report print it.
    private func anchoredHead(_ request: QueryRequest) throws -> ChainVerification.Head? {
        guard let text = try request.string("head") else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seq = Int(parts[0]), parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
            throw QueryFailure(
                id: request.id,
                code: .badRequest,
                message: "head should be SEQ:HASH as printed by status or a report, e.g. 42:3fa9…"
            )
        }
        return .init(seq: seq, hash: parts[1].lowercased())
    }

    private func sync(_ request: QueryRequest, peer: PeerCredentials?) throws -> JSONValue {
        guard let daemon else {
            throw QueryFailure(
                id: request.id,
                code: .unavailable,
                message: "sync needs the daemon; run `assistant-mirror sync --config FILE` instead"
            )
        }
        guard daemon.syncPolicy.allows(peer) else {
            throw QueryFailure(
                id: request.id,
                code: .forbidden,
                message: "sync is limited to members of group \(daemon.syncPolicy.groupName ?? "?") (sync-group)"
            )
        }
        let accounts = try request.strings("accounts")
        if try request.bool("wait") {
            let outcomes = try Self.blocking { () -> Result<[CrawlOutcome], any Error> in
                do { return .success(try await daemon.scheduler.triggerAndWait(accounts)) } catch {
                    return .failure(error)
                }
            }.get()
            return [
                "triggered": .array(outcomes.map { .string($0.account) }), "outcomes": .array(outcomes.map(Self.json)),
            ]
        }
        let triggered = try Self.blocking { () -> Result<[String], any Error> in
            do { return .success(try await daemon.scheduler.trigger(accounts)) } catch { return .failure(error) }
        }.get()
        return ["triggered": .array(triggered.map(JSONValue.string))]
    }

    // MARK: - Helpers

    private func resolve(_ request: QueryRequest) throws -> Int {
        try reader.resolve(try request.requiredString("assistant"))
    }

    /// Runs `body`; past the deadline SQLite is told to stop, and the query fails with SQLITE_INTERRUPT.
    private func withDeadline<T>(_ body: () throws -> T) throws -> T {
        let connection = reader.connection
        let alarm = DispatchWorkItem { [unowned connection] in connection.interrupt() }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.queryDeadline, execute: alarm)
        defer { alarm.cancel() }
        return try body()
    }

    /// Waits on a connection thread (never a Swift concurrency thread) for async work, such as asking
    /// the scheduler actor.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    static func code(of error: QueryError) -> QueryFailure.Code {
        switch error {
        case .notFound: .notFound
        case .ambiguous: .ambiguous
        case .invalid: .badRequest
        }
    }

    static func json(_ head: ChainVerification.Head?) -> JSONValue {
        guard let head else { return .null }
        return ["seq": .number(String(head.seq)), "hash": .string(head.hash)]
    }

    static func json(_ verification: ChainVerification) -> JSONValue {
        [
            "ok": .bool(verification.isIntact), "checked": .number(String(verification.checked)),
            "head": json(verification.head),
            "problem": verification.problem.map { ["seq": .number(String($0.seq)), "reason": .string($0.reason)] }
                ?? .null,
        ]
    }

    static func json(_ outcome: CrawlOutcome) -> JSONValue {
        [
            "account": .string(outcome.account), "status": .string(outcome.status.rawValue),
            "complete": .bool(outcome.complete),
            "pages": .number(String(outcome.progress.pages)), "seen": .number(String(outcome.progress.seen)),
            "created": .number(String(outcome.progress.created)), "updated": .number(String(outcome.progress.updated)),
            "deleted": .number(String(outcome.progress.deleted)),
            "restored": .number(String(outcome.progress.restored)),
            "error": outcome.error.map(JSONValue.string) ?? .null,
        ]
    }
}

@available(*, unavailable)
extension QueryHandler: Sendable {}

/// Carries a value out of a Task to a waiting thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
