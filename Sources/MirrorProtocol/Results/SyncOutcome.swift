import MirrorCore

/// One account's crawl as `sync` with `wait` reports it.
public struct SyncOutcome: Sendable, Equatable, JSONObjectCodable {
    public let account: String
    public let status: String
    public let complete: Bool
    public let pages: Int
    public let seen: Int
    public let created: Int
    public let updated: Int
    public let deleted: Int
    public let restored: Int
    public let error: String?

    public init(_ outcome: CrawlOutcome) {
        account = outcome.account
        status = outcome.status.rawValue
        complete = outcome.complete
        pages = outcome.progress.pages
        seen = outcome.progress.seen
        created = outcome.progress.created
        updated = outcome.progress.updated
        deleted = outcome.progress.deleted
        restored = outcome.progress.restored
        error = outcome.error
    }

    public func encode(into object: inout JSONObject) {
        object["account"] = .string(account)
        object["status"] = .string(status)
        object["complete"] = .bool(complete)
        object["pages"] = JSONValue(pages)
        object["seen"] = JSONValue(seen)
        object["created"] = JSONValue(created)
        object["updated"] = JSONValue(updated)
        object["deleted"] = JSONValue(deleted)
        object["restored"] = JSONValue(restored)
        object["error"] = JSONValue(error)
    }

    public init(from object: JSONObject) throws(JSONShapeError) {
        account = try object.string("account")
        status = try object.string("status")
        complete = try object.bool("complete")
        pages = try object.int("pages")
        seen = try object.int("seen")
        created = try object.int("created")
        updated = try object.int("updated")
        deleted = try object.int("deleted")
        restored = try object.int("restored")
        error = try object.optionalString("error")
    }
}
