import MirrorCore
import MirrorProtocol
import MirrorStore

extension QueryHandler {
    /// The next page of the change feed after `after` (a seq the client keeps as its cursor).
    public func changesPage(_ request: ChangesRequest, after: Int) throws -> [ChangeEntry] {
        try reader.changes(afterSeq: after, since: request.since, account: request.account, limit: request.limit)
    }

    func changes(_ request: ChangesRequest) throws -> ChangesPage {
        try checkFilters(account: request.account)
        let after = request.after ?? 0
        let rows = try changesPage(request, after: after)
        return ChangesPage(changes: rows, nextAfter: rows.last?.facts.seq ?? after)
    }

    /// The rows and the verification come from one read transaction (`MirrorReader.promptReport`).
    /// `head` (SEQ:HASH, recorded earlier) makes verify also catch a truncated tail or a recomputed chain.
    func report(_ request: ReportRequest) throws -> ReportResult {
        try checkFilters(account: request.account)
        let (rows, verification) = try reader.promptReport(
            since: request.since,
            until: request.until,
            account: request.account,
            anchoredHead: request.head
        )
        return ReportResult(
            kind: ReportRequest.prompts,
            generatedAt: Timestamp.now(),
            since: request.since,
            until: request.until,
            rows: rows,
            verification: verification
        )
    }
}
