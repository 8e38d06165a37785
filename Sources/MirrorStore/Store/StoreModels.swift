/// An assistant's current row, as the sync engine needs it to decide what changed.
public struct StoredAssistant: Sendable, Equatable {
    public let id: Int
    public let accountID: Int
    public let remoteID: String
    public let name: String?
    public let prompt: String?
    public let providerUpdatedAt: String?
    public let contentHash: String
    public let snapshot: String
    public let lastSeenAt: String
    public let lastSeenCrawl: Int?
    public let absentCrawls: Int
    public let deletedAt: String?
    public let revision: Int
}

/// The normalized, redacted form of one provider record: what the mirror stores.
public struct AssistantObservation: Sendable, Equatable {
    public var remoteID: String
    public var name: String?
    public var prompt: String?
    public var model: String?
    public var voice: String?
    public var greeting: String?
    public var providerUpdatedAt: String?
    /// Redacted canonical JSON of the whole record.
    public var snapshot: String
    /// SHA-256 of `snapshot`, hex.
    public var contentHash: String
    public var changedBy: String?
    public var actorHint: String?

    public init(
        remoteID: String,
        name: String?,
        prompt: String?,
        model: String?,
        voice: String?,
        greeting: String?,
        providerUpdatedAt: String?,
        snapshot: String,
        contentHash: String,
        changedBy: String?,
        actorHint: String?
    ) {
        self.remoteID = remoteID
        self.name = name
        self.prompt = prompt
        self.model = model
        self.voice = voice
        self.greeting = greeting
        self.providerUpdatedAt = providerUpdatedAt
        self.snapshot = snapshot
        self.contentHash = contentHash
        self.changedBy = changedBy
        self.actorHint = actorHint
    }
}

public enum ChangeKind: String, Sendable, CaseIterable {
    case created, updated, deleted, restored
}

/// One field-level change of a revision.
public struct FieldChange: Sendable, Equatable {
    public let path: String
    public let oldValue: String?
    public let newValue: String?
    public let promptBearing: Bool

    public init(path: String, oldValue: String?, newValue: String?, promptBearing: Bool) {
        self.path = path
        self.oldValue = oldValue
        self.newValue = newValue
        self.promptBearing = promptBearing
    }
}

/// The crawl checkpoint and counters committed with each page.
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

/// A crawl left unfinished by a crash or a shutdown, to be resumed.
public struct ResumableCrawl: Sendable, Equatable {
    public let id: Int
    public let progress: CrawlProgress
    public let startedAt: String
}

public enum CrawlStatus: String, Sendable {
    case running, ok, failed, interrupted
}
