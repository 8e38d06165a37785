import Foundation
import MirrorCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The paging styles of `ProviderDescription.Paging`. The position is kept in the crawl checkpoint as
/// JSON (`PageCursor`), so a crawl resumes where it stopped.
///
/// Paging never ends early while the reply says there is more (a total not reached, `has_more`, a next
/// link): a page shorter than asked is the end only when nothing says otherwise, and even then only
/// after the server has shown it is not capping the page size below the one asked for.
extension DescribedProvider {
    /// Where a page is: `page` is its number (page paging) or its ordinal (every other style, for
    /// messages); `seen` counts the items before it; `served` is the size the server answered a short
    /// first page with, when it may be capping; `offset`, `after` and `url` are the other styles' positions.
    struct Position {
        var page: Int
        var seen = 0
        var served: Int?
        var offset = 0
        var after: String?
        var url: String?

        init(page: Int) { self.page = page }

        init(_ cursor: PageCursor?, firstPage: Int) {
            let value = cursor?.value
            page = value?["page"]?.intValue ?? firstPage
            seen = value?["seen"]?.intValue ?? 0
            served = value?["served"]?.intValue
            offset = value?["offset"]?.intValue ?? 0
            after = value?["after"]?.stringValue
            url = value?["url"]?.stringValue
        }

        var cursor: PageCursor {
            var members: [String: JSONValue] = ["page": .number(String(page))]
            if seen > 0 { members["seen"] = .number(String(seen)) }
            if let served { members["served"] = .number(String(served)) }
            if offset > 0 { members["offset"] = .number(String(offset)) }
            if let after { members["after"] = .string(after) }
            if let url { members["url"] = .string(url) }
            return PageCursor(.object(members))
        }
    }

    struct Reply {
        let json: JSONValue
        let response: HTTPResponse
        /// Items on the page, soft-deleted ones included (they take room on the page all the same).
        let count: Int
    }

    func requestURL(for position: Position) throws -> URL {
        if let link = position.url {
            return try sameOrigin(link, page: position.page)
        }
        let listPath = description.resolvedPath(description.listPath, org: org)
        var query: [(String, String)] = []
        switch description.paging {
        case .page: query += description.pageParameter.map { [($0, String(position.page))] } ?? []
        case .offset: query += description.pageParameter.map { [($0, String(position.offset))] } ?? []
        case .cursor:
            if let after = position.after, let parameter = description.pageParameter {
                query.append((parameter, after))
            }
        case .next where description.hooks.contains(.nextURLPageNumber):
            query += description.pageParameter.map { [($0, String(position.page))] } ?? []
        case .next, .link, .none: break
        }
        if description.paging != .none, let size = description.sizeParameter { query.append((size, String(pageSize))) }
        return requester.url(path: listPath, query: query)
    }

    func nextPosition(after position: Position, reply: Reply) throws -> (PageCursor?, [String]) {
        if description.hooks.contains(.nextURLPageNumber) {
            return try nextFromPageNumberInNextURL(after: position, reply: reply)
        }
        var next = Position(page: position.page + 1)
        next.seen = position.seen + reply.count
        switch description.paging {
        case .none:
            return (nil, [])
        case .next, .link:
            let link: JSONValue? =
                description.paging == .link
                ? reply.response.header("link").flatMap { LinkHeader.target(of: $0, relation: "next") }.map(
                    JSONValue.string
                )
                : fields.nextField.flatMap { $0.value(in: reply.json) }
            guard let target = try nextLink(link, page: position.page) else { return (nil, []) }
            try requireItems(reply, page: position.page, because: "a next page")
            next.url = try sameOrigin(target, relativeTo: reply.response.url, page: position.page).absoluteString
            return (next.cursor, [])
        case .cursor:
            let token = fields.cursorField.flatMap { $0.value(in: reply.json) }.flatMap(Self.cursorText)
            let more = reply.json.boolean(at: fields.moreField) ?? (token != nil && reply.count > 0)
            guard more else { return (nil, []) }
            guard let token else {
                throw malformed(
                    position.page,
                    "the reply says there is more but has no \(description.cursorField ?? "cursor")"
                )
            }
            try requireItems(reply, page: position.page, because: "more to come")
            next.after = token
            return (next.cursor, [])
        case .page, .offset:
            next.offset = position.offset + reply.count
            next.served = position.served
            return try nextCountedPage(next, after: position, reply: reply)
        }
    }

    /// Page and offset paging: the total pages, else the total items, else `has_more`, else the size.
    private func nextCountedPage(
        _ proposed: Position,
        after position: Position,
        reply: Reply
    ) throws -> (
        PageCursor?, [String]
    ) {
        var next = proposed
        let total =
            reply.json.integer(at: fields.totalField)
            ?? description.totalHeader.flatMap { reply.response.header($0) }.flatMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
        guard reply.count > 0 else {
            let short = total.map { next.seen < $0 } ?? false
            return (
                nil,
                short
                    ? [
                        "the total says \(total!) assistants but the pages held \(next.seen); items may have moved during the crawl"
                    ] : []
            )
        }
        if let field = fields.totalPagesField {
            switch field.value(in: reply.json) {
            case nil, .null?:
                if description.hooks.contains(.singlePageWithoutTotal) {
                    let warning =
                        "the page is exactly full (\(pageSize)) but has no \(field): there may be more assistants than \(kind) returned"
                    return (nil, reply.count >= pageSize ? [warning] : [])
                }
            case let value?:
                guard let pages = value.intValue else {
                    throw malformed(position.page, "\(field) should be an integer")
                }
                return (position.page - description.firstPage + 1 < pages ? next.cursor : nil, [])
            }
        }
        if let total { return (next.seen < total ? next.cursor : nil, []) }
        if let more = reply.json.boolean(at: fields.moreField) { return (more ? next.cursor : nil, []) }
        // Nothing says how many: a full page means more; a short one may be the server's own cap (a
        // sibling Interactly list defaults to 10), which only the next page can tell.
        if reply.count >= pageSize { return (next.cursor, []) }
        if let served = position.served { return (reply.count >= served ? next.cursor : nil, []) }
        next.served = reply.count
        return (next.cursor, [])
    }

    /// PureTalk's hook: DRF builds `next` from the request's Host, which behind a proxy can be another
    /// scheme or host, and the key must never follow it there; so only its `page` is read.
    private func nextFromPageNumberInNextURL(after position: Position, reply: Reply) throws -> (PageCursor?, [String]) {
        let page = position.page
        switch fields.nextField.flatMap({ $0.value(in: reply.json) }) {
        case nil, .null?:
            // A `next` link may name any page up to Int.max, so the count must not trap (found while
            // writing the `puretalk-page` fuzz target, whose corpus keeps the input).
            let (before, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
            let (held, sumOverflow) = before.addingReportingOverflow(reply.count)
            let heldText = overflow || sumOverflow ? "more than that" : String(held)
            if let count = reply.json.integer(at: fields.totalField), overflow || sumOverflow || count != held {
                return (
                    nil,
                    [
                        "count says \(count) assistants but the pages held \(heldText); items may have moved during the crawl"
                    ]
                )
            }
            return (nil, [])
        case .string(let link)?:
            let parameter = description.pageParameter ?? "page"
            guard
                let nextPage = URLComponents(string: link)?.queryItems?.first(where: { $0.name == parameter })?.value
                    .flatMap(Int.init)
            else { throw malformed(page, "next is not a URL with a page number") }
            guard nextPage > page else {
                throw ProviderError.pagingLoop(provider: kind, reason: "page \(page) points next to page \(nextPage)")
            }
            try requireItems(reply, page: page, because: "a next page")
            return (Position(page: nextPage).cursor, [])
        case let other?:
            throw malformed(page, "next should be a URL or null, found \(other.typeName)")
        }
    }

    private func nextLink(_ value: JSONValue?, page: Int) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)? where !text.isEmpty: return text
        case let other?: throw malformed(page, "the next link should be a URL or null, found \(other.typeName)")
        }
    }

    /// A next link is followed only to the account's own origin (RFC 6454 §4: scheme, host, port): the
    /// request carries the key.
    private func sameOrigin(_ link: String, relativeTo base: URL? = nil, page: Int) throws -> URL {
        guard let url = URL(string: link, relativeTo: base)?.absoluteURL, let origin = Origin(url),
            origin == Origin(requester.baseURL)
        else {
            throw malformed(page, "the next link leads away from the account's base-url; it is not followed")
        }
        return url
    }

    private func requireItems(_ reply: Reply, page: Int, because reason: String) throws {
        guard reply.count > 0 else { throw malformed(page, "an empty page that still says there is \(reason)") }
    }

    private func malformed(_ page: Int, _ reason: String) -> ProviderError {
        .malformedPage(provider: kind, page: page, reason: reason)
    }

    /// A cursor is text or a number; anything else is no cursor.
    static func cursorText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .number(let literal): literal
        default: nil
        }
    }
}

extension JSONValue {
    fileprivate func integer(at path: PathPattern?) -> Int? { path.flatMap { $0.value(in: self)?.intValue } }
    fileprivate func boolean(at path: PathPattern?) -> Bool? { path.flatMap { $0.value(in: self)?.boolValue } }
}
