import Foundation
import MirrorCore
import MirrorProtocol
import MirrorStore

/// Answers one request with a read-only connection of its own. Runs on a connection's thread; the
/// only shared state it touches is the daemon (through `DaemonControl`) and the change notifier.
///
/// The ops are grouped by what they read: `QueryHandler+Status` (status), `+Assistants` (list, show,
/// history, diff), `+Feed` (changes, report, verify), `+Sync` (sync), `+Writes` (set-prompt, revert),
/// `+Metrics` (metrics).
public final class QueryHandler {
    /// Longest a single query may run before it is interrupted (sqlite3_interrupt).
    public static let queryDeadline: TimeInterval = 10

    let reader: MirrorReader
    let daemon: (any DaemonControl)?

    public init(reader: MirrorReader, daemon: (any DaemonControl)?) {
        self.reader = reader
        self.daemon = daemon
    }

    /// The reply line to a one-shot op: its result, or the failure.
    public func reply(to request: QueryRequest, peer: PeerCredentials?) -> [UInt8] {
        switch answer(request, peer: peer) {
        case .success(.object(let result)): QueryReply.success(id: request.id, result: result)
        case .success(.value(let result)): QueryReply.success(id: request.id, result: result)
        case .failure(let failure): QueryReply.failure(failure)
        }
    }

    /// The result of a one-shot op as a JSON value, or the failure to reply with.
    public func handle(_ request: QueryRequest, peer: PeerCredentials?) -> Result<JSONValue, QueryFailure> {
        answer(request, peer: peer).map(\.json)
    }

    private func answer(_ request: QueryRequest, peer: PeerCredentials?) -> Result<QueryAnswer, QueryFailure> {
        do {
            // Who may ask comes before what is asked: a write op's gate is checked before its parameters.
            if QueryOperation(rawValue: request.op)?.isWrite == true { _ = try writableDaemon(request.id, peer: peer) }
            let typed = try MirrorRequest(request)
            return .success(
                try reader.withDeadline(Self.queryDeadline) { try self.perform(typed, id: request.id, peer: peer) }
            )
        } catch let failure as QueryFailure {
            return .failure(failure)
        } catch let error as QueryError {
            return .failure(QueryFailure(id: request.id, code: Self.code(of: error), message: error.description))
        } catch let error as SQLiteError where error.isInterrupt {
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

    private func perform(_ request: MirrorRequest, id: JSONValue, peer: PeerCredentials?) throws -> QueryAnswer {
        switch request {
        case .status: .object(try status())
        case .list(let list): .object(try self.list(list))
        case .show(let assistant): .object(try reader.show(assistantID: try reader.resolve(assistant)))
        case .history(let history): .object(try self.history(history))
        case .diff(let diff): .object(try self.diff(diff, id: id))
        case .changes(let changes): .object(try self.changes(changes))
        case .report(let report): .object(try self.report(report))
        case .verify(let head): .value(verify(anchoredHead: head))
        case .sync(let sync): .object(try self.sync(sync, daemon: try writableDaemon(id, peer: peer)))
        case .writePrompt(let write): .object(try writePrompt(write, id: id, peer: peer))
        case .metrics: .value(.string(try metrics()))
        }
    }

    static func code(of error: QueryError) -> QueryFailure.Code {
        switch error {
        case .notFound: .notFound
        case .ambiguous: .ambiguous
        case .invalid: .badRequest
        }
    }
}

@available(*, unavailable)
extension QueryHandler: Sendable {}
