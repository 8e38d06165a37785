public struct CrawlProgress: Sendable, Equatable {
    public var pages = 0
    public var seen = 0
    public var created = 0
    public var updated = 0
    public var deleted = 0
    public var restored = 0
    /// The provider cursor of the next page as canonical JSON; nil once the last page is in.
    public var nextPage: String?

    public init() {}
}
