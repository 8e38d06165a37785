import MirrorCore

/// One provider account's API, as the sync engine sees it: pages of raw records and a GET-one.
///
/// Adapters know the wire (paths, paging, envelopes, auth) and nothing of the database: they yield
/// records; the sync engine normalizes and stores them. A page either arrives whole and well-typed or
/// the call throws, so a bad page can never be half stored.
public protocol AssistantProvider: Sendable {
    var kind: ProviderKind { get }

    /// The page at `cursor` (nil: the first page).
    func fetchPage(_ cursor: PageCursor?) async throws -> ProviderPage

    /// The page at `cursor`, leaving undecoded each item whose `RawDigest` `isKnown` accepts: such an
    /// item is listed in `ProviderPage.skipped`, not in `records`. Adapters that cannot tell an item's
    /// bytes decode every item (the default).
    func fetchPage(
        _ cursor: PageCursor?,
        skipping isKnown: @escaping @Sendable (UInt64) -> Bool
    ) async throws
        -> ProviderPage

    /// One assistant by id, to confirm an absence before it is recorded as a deletion.
    func fetchOne(remoteID: String) async throws -> FetchOneResult
}

extension AssistantProvider {
    public func fetchPage(
        _ cursor: PageCursor?,
        skipping isKnown: @escaping @Sendable (UInt64) -> Bool
    ) async throws
        -> ProviderPage
    {
        try await fetchPage(cursor)
    }
}

/// Where a crawl stands: the provider-specific position of the next page, as JSON so the sync engine
/// can store it in the crawl checkpoint and resume after a crash.
public struct PageCursor: Sendable, Equatable {
    public let value: JSONValue

    public init(_ value: JSONValue) { self.value = value }

    /// A 1-based page number cursor, the form every provider here uses.
    public static func page(_ number: Int) -> PageCursor { PageCursor(["page": .number(String(number))]) }

    public var pageNumber: Int? { value["page"]?.intValue }

    /// Canonical JSON, the form stored in `crawls.next_page`.
    public var storedForm: String { value.canonicalText }

    public init(storedForm: String) throws { value = try JSONParser.parse(storedForm) }
}

/// One remote assistant, still in the provider's own shape.
public struct RemoteRecord: Sendable, Equatable {
    public let remoteID: String
    public let raw: JSONValue
    /// `RawDigest` of the item's exact bytes as the page carried them, when the adapter knows them.
    public let rawDigest: UInt64?

    public init(remoteID: String, raw: JSONValue, rawDigest: UInt64? = nil) {
        self.remoteID = remoteID
        self.raw = raw
        self.rawDigest = rawDigest
    }
}

public struct ProviderPage: Sendable {
    public let records: [RemoteRecord]
    /// The next page, or nil when this was the last one.
    public let next: PageCursor?
    /// Things worth a log line that do not invalidate the page (a total that disagrees, a full page
    /// with no paging metadata).
    public let warnings: [String]
    /// The `RawDigest`s of the items left undecoded because the caller knew their bytes (see
    /// `AssistantProvider.fetchPage(_:skipping:)`), in page order.
    public let skipped: [UInt64]

    public init(records: [RemoteRecord], next: PageCursor?, warnings: [String] = [], skipped: [UInt64] = []) {
        self.records = records
        self.next = next
        self.warnings = warnings
        self.skipped = skipped
    }
}

public enum FetchOneResult: Sendable, Equatable {
    case found(RemoteRecord)
    case notFound
}
