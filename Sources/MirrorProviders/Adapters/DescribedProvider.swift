import Foundation
import MirrorCore

/// The one adapter: it reads any assistant API a `ProviderDescription` describes, the four built-ins
/// included. Paging is in `DescribedProvider+Paging.swift`.
public struct DescribedProvider: AssistantProvider {
    public let kind: ProviderKind
    let description: ProviderDescription
    let requester: ProviderRequester
    let pageSize: Int
    let org: String?
    let fields: Fields

    /// The description's single-value paths, read once.
    struct Fields {
        let items: PathPattern?
        let totalField: PathPattern?
        let totalPagesField: PathPattern?
        let moreField: PathPattern?
        let cursorField: PathPattern?
        let nextField: PathPattern?
        let getItem: PathPattern?
        let deletedFlag: PathPattern?
        let id: PathPattern

        init(_ description: ProviderDescription) {
            items = description.items.flatMap(PathPattern.init)
            totalField = description.totalField.flatMap(PathPattern.init)
            totalPagesField = description.totalPagesField.flatMap(PathPattern.init)
            moreField = description.moreField.flatMap(PathPattern.init)
            cursorField = description.cursorField.flatMap(PathPattern.init)
            nextField = description.nextField.flatMap(PathPattern.init)
            getItem = description.getItem.flatMap(PathPattern.init)
            deletedFlag = description.deletedFlag.flatMap(PathPattern.init)
            id = PathPattern(description.idPath) ?? PathPattern("id")!
        }
    }

    public init(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) {
        let description = account.effectiveDescription
        self.kind = description.name
        self.description = description
        self.requester = Self.requester(account: account, apiKey: apiKey, http: http)
        self.pageSize = min(max(account.pageSize ?? description.maxSize, 1), description.maxSize)
        self.org = account.org
        self.fields = Fields(description)
    }

    /// The authenticated requester for any of the account's endpoints (the assistants, the audit log).
    static func requester(account: AccountConfiguration, apiKey: Secret, http: any HTTPFetching) -> ProviderRequester {
        let description = account.effectiveDescription
        var policy = RequestPolicy(requester: account.name)
        if let perMinute = description.requestsPerMinute {
            // The limit is the provider's, per client IP: every account of it on this host shares one.
            policy.rateLimiter = RateLimiter.shared(key: description.name.rawValue, requestsPerMinute: perMinute)
        }
        let credential = (description.authScheme.map { $0 + " " } ?? "") + apiKey.reveal()
        return ProviderRequester(
            account: account,
            authorization: [description.authHeader: credential],
            http: http,
            policy: policy
        )
    }

    public func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage {
        try await fetchPage(cursor, isKnown: nil)
    }

    public func fetchPage(
        _ cursor: PageCursor?,
        skipping isKnown: @escaping @Sendable (UInt64) -> Bool
    ) async throws
        -> ProviderPage
    {
        try await fetchPage(cursor, isKnown: isKnown)
    }

    /// A skipped item counts as one of the page's items for paging, and is live: its bytes are those
    /// of an item the caller holds as current, soft-delete flag included.
    private func fetchPage(_ cursor: PageCursor?, isKnown: (@Sendable (UInt64) -> Bool)?) async throws -> ProviderPage {
        let position = Position(cursor, firstPage: description.firstPage)
        let url = try requestURL(for: position)
        let (json, response, digests, skipped) = try await requester.getJSON(
            url,
            page: position.page,
            itemsPath: fields.items.map(\.keys) ?? [String](),
            skipping: isKnown
        )
        let items = try itemsArray(in: json, page: position.page)
        let records = try requester.records(from: items, digests: digests, id: fields.id, page: position.page)
        let live = records.filter { !isDeleted($0.raw) }
        let reply = Reply(json: json ?? .null, response: response, count: records.count + skipped.count)
        let (next, warnings) = try nextPosition(after: position, reply: reply)
        return ProviderPage(records: live, next: next, warnings: warnings, skipped: skipped)
    }

    public func fetchOne(remoteID: String) async throws -> FetchOneResult {
        let path = description.resolvedPath(description.getPath, org: org)
            .replacingOccurrences(of: "{id}", with: ProviderDescription.pathSegment(remoteID))
        return try await requester.fetchOne(
            path: path,
            remoteID: remoteID,
            id: fields.id,
            item: fields.getItem,
            isDeleted: isDeleted
        )
    }

    func isDeleted(_ record: JSONValue) -> Bool {
        fields.deletedFlag.flatMap { $0.value(in: record)?.boolValue } == true
    }

    /// The items of a page: the reply itself, or the array at `items`.
    private func itemsArray(in json: JSONValue?, page: Int?) throws -> JSONValue? {
        guard let path = fields.items else { return json }
        guard let json, case .object = json else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "expected an object with the items at '\(path)', found \(json?.typeName ?? "nothing")"
            )
        }
        return path.value(in: json)
    }
}
