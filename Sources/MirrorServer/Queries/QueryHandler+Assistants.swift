import MirrorCore
import MirrorProtocol
import MirrorStore

extension QueryHandler {
    func list(_ request: ListRequest) throws -> AssistantsPage {
        try checkFilters(account: request.account, provider: request.provider)
        var filter = MirrorReader.ListFilter()
        filter.provider = request.provider
        filter.account = request.account
        filter.text = request.text
        filter.includeDeleted = request.includeDeleted
        filter.limit = request.limit
        filter.offset = request.offset
        return AssistantsPage(assistants: try reader.list(filter), limit: request.limit, offset: request.offset)
    }

    /// Without paging parameters, the summary with the newest page; with them, that page alone, as
    /// before the summary existed: `next_before` is the first revision shown when the page is full
    /// (null when it is short). A summary knows the oldest revision, so it says null when none is older.
    func history(_ request: HistoryRequest) throws -> HistoryResult {
        let id = try reader.resolve(request.assistant)
        return try reader.inOneSnapshot {
            let page = try reader.history(
                assistantID: id,
                before: request.before ?? Int(Int32.max),
                limit: request.pageSize
            )
            let summary = request.wantsSummary ? try reader.historySummary(assistantID: id) : nil
            let first = page.first?.facts.revision
            let olderRemain =
                summary.map { first != nil && first != $0.oldestRevision } ?? (page.count == request.pageSize)
            return HistoryResult(
                assistant: try reader.assistantHeader(assistantID: id),
                summary: summary,
                revisions: page,
                paged: true,
                nextBefore: olderRemain ? first : nil,
                writes: try reader.writeAttempts(assistantID: id)
            )
        }
    }

    /// Between two revisions (default: the last two): the prompt as a unified diff, every other field
    /// as path: old → new.
    func diff(_ request: DiffRequest, id requestID: JSONValue) throws -> DiffResult {
        let id = try reader.resolve(request.assistant)
        let (from, to) = try request.revisions(latest: try reader.latestRevisionNumber(assistantID: id), id: requestID)
        let key = try reader.show(assistantID: id).header.key
        let old = try reader.revision(assistantID: id, number: from)
        let new = try reader.revision(assistantID: id, number: to)
        // Prompt-bearing as the crawl recorded it, so `diff` agrees with `history` and the reports.
        let promptBearing = try reader.promptBearingPatterns(assistantID: id, after: from, through: to)
        let fields = FieldDiffer.changes(
            from: (try? JSONParser.parse(old.snapshot)) ?? .null,
            to: (try? JSONParser.parse(new.snapshot)) ?? .null,
            isPromptBearing: promptBearing.contains
        )
        return DiffResult(
            assistant: key.label,
            from: from,
            to: to,
            oldPrompt: old.prompt,
            newPrompt: new.prompt,
            promptDiff: LineDiff.promptText(
                old: old.prompt,
                new: new.prompt,
                oldLabel: "\(key.label) revision \(from)",
                newLabel: "\(key.label) revision \(to)"
            ),
            fields: fields
        )
    }
}
