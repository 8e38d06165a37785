import Foundation

/// Everything the mirror needs to know about an assistant API, as data a person can read and write in
/// the configuration (`[provider "NAME"]`, issue 15): where the list and one assistant are, how to
/// authenticate and page, where the items and the total are, and where each record keeps the fields the
/// mirror lifts, its prompts, its secrets and what moves without anyone editing it.
///
/// The four built-ins are values of this type too (`ProviderDescription+BuiltIns.swift`); what cannot
/// be said as data is a named `Hook`.
public struct ProviderDescription: Sendable, Equatable {
    /// How the list is paged.
    public enum Paging: String, Sendable, CaseIterable {
        /// `page-parameter` is a page number from `first-page`.
        case page
        /// `page-parameter` is the number of items to skip.
        case offset
        /// `page-parameter` takes the value of the reply's `cursor-field` (OpenAI's `after=last_id`).
        case cursor
        /// The reply's `next-field` holds the URL of the next page (same origin only).
        case next
        /// The `Link` response header's `rel="next"` target (RFC 8288 §3; GitHub, Zendesk).
        case link
        /// One request returns the whole list.
        case none
    }

    /// How `updated-at` values are written.
    public enum TimeFormat: String, Sendable, CaseIterable {
        case iso8601 = "iso-8601"
        case unixSeconds = "unix-seconds"
        case unixMilliseconds = "unix-milliseconds"
    }

    /// Behaviour no key can state; each one is named after what it does.
    public enum Hook: String, Sendable, CaseIterable {
        /// PureTalk (Django REST Framework): `next` is read only for its `page` number, the URL is
        /// rebuilt from the account's base, and the last page's `count` is checked against the pages.
        case nextURLPageNumber = "next-url-page-number"
        /// Telnyx: a reply without the total pages is the only page; a full one earns a warning.
        case singlePageWithoutTotal = "single-page-without-total"
    }

    /// The write-back call (issue "Who changed it"); without it the description is read-only.
    public struct UpdateCall: Sendable, Equatable {
        /// PATCH, PUT or POST.
        public var method: String
        /// Relative to the API root, with `{id}` (and `{org}` where the account has one).
        public var path: String
        /// Where the new prompt goes in the JSON body (`config.instructions`).
        public var promptPath: String
        /// Record fields the body must also carry, copied from the current record (`name`).
        public var carry: [String]

        public init(method: String, path: String, promptPath: String, carry: [String] = []) {
            self.method = method
            self.path = path
            self.promptPath = promptPath
            self.carry = carry
        }
    }

    public var name: ProviderKind
    /// The documented API root; nil means every account must give `base-url`.
    public var baseURL: URL?
    /// Relative to the API root; may contain `{org}`.
    public var listPath: String
    /// Relative to the API root, with `{id}`.
    public var getPath: String
    /// Where the record is in the GET-one reply; nil: the reply is the record.
    public var getItem: String?
    /// The request header that carries the key, and its scheme (`Bearer`); no scheme sends the key bare.
    public var authHeader: String
    public var authScheme: String?
    public var paging: Paging
    /// The query parameter of the position (page number, offset or cursor) and of the page size.
    public var pageParameter: String?
    public var sizeParameter: String?
    public var firstPage: Int
    /// The largest page size the API accepts; also the default.
    public var maxSize: Int
    /// Where the items are; nil: the reply itself is the array.
    public var items: String?
    /// The total number of items, in a reply field or a response header, or the number of pages.
    public var totalField: String?
    public var totalHeader: String?
    public var totalPagesField: String?
    /// A boolean field saying whether there is another page (`has_more`).
    public var moreField: String?
    /// `cursor`: the field whose value is the next `page-parameter`; `next`: the field with the URL.
    public var cursorField: String?
    public var nextField: String?
    /// Shared by every account of this provider on the host (Invent: 500 a minute per client IP).
    public var requestsPerMinute: Int?

    public var idPath: String
    public var namePath: String
    public var modelPath: String?
    public var voicePath: String?
    public var greetingPath: String?
    /// The main prompt (`assistants_current.prompt`, `prompt_changes`).
    public var promptPath: String
    /// The other prompt-bearing fields.
    public var prompts: [PathPattern]
    /// Modification times; the newest wins (Invent's nested actions move without the parent).
    public var updatedAt: [PathPattern]
    public var updatedAtFormat: TimeFormat
    /// Replaced by keyed fingerprints, on top of the fields whose names say secret.
    public var secrets: [PathPattern]
    /// Left out of the stored snapshot, so they never count as a change.
    public var volatile: [PathPattern]
    /// A boolean field that marks a soft-deleted record.
    public var deletedFlag: String?
    /// A hint at the owner, never presented as the editor: `{path}` is read from the record, `{org}`
    /// is the account's organisation (`owner {user.email}`).
    public var ownerHint: String?
    public var hooks: [Hook]
    public var update: UpdateCall?
    /// The provider's audit trail of who changed what (Telnyx `GET /audit_events`), relative to the API
    /// root; nil: the provider has none, and `audit-log = auto` reads nothing.
    public var auditLogPath: String?

    public init(
        name: ProviderKind,
        listPath: String,
        getPath: String,
        idPath: String = "id",
        namePath: String = "name",
        promptPath: String
    ) {
        self.name = name
        self.baseURL = nil
        self.listPath = listPath
        self.getPath = getPath
        self.getItem = nil
        self.authHeader = "Authorization"
        self.authScheme = "Bearer"
        self.paging = .none
        self.firstPage = 1
        self.maxSize = 100
        self.idPath = idPath
        self.namePath = namePath
        self.promptPath = promptPath
        self.prompts = []
        self.updatedAt = []
        self.updatedAtFormat = .iso8601
        self.secrets = []
        self.volatile = []
        self.hooks = []
    }

    /// The built-in description of `name`, if it is one of the four.
    public static func builtIn(_ name: ProviderKind) -> ProviderDescription? {
        builtIns.first { $0.name == name }
    }

    /// `{org}` replaced by the account's organisation, percent-encoded as a path segment.
    public func resolvedPath(_ template: String, org: String?) -> String {
        template.replacingOccurrences(of: "{org}", with: Self.pathSegment(org ?? ""))
    }

    public var usesOrg: Bool {
        ([listPath, getPath] + (update.map { [$0.path] } ?? [])).contains { $0.contains("{org}") }
            || ownerHint?.contains("{org}") == true
    }

    /// RFC 3986 §3.3: an id from provider data becomes one path segment (unreserved characters stay).
    public static func pathSegment(_ text: String) -> String {
        PercentEncoding.component(text)
    }
}
