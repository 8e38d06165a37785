/// Interactly's list endpoint is undocumented (research/providers.md §4.1), so its shape is configurable:
/// tests can serve other names, envelopes and limits and check that the mirror's per-account overrides (or a
/// provider description, issue 15) reach and read the wire.
public struct InteractlyShape: Sendable, Equatable {
    /// How the list reply carries its items.
    public enum Envelope: Sendable, Equatable {
        /// An object with the items at `itemsKey` and the count at `totalKey` (both may be dotted paths).
        case object
        /// The reply is the JSON array of items itself, with no count anywhere.
        case bareArray
    }

    /// Relative to the API root, e.g. `/assistants/v1/assistants`; GET-one is `listPath/{id}`.
    public var listPath: String
    public var pageParameter: String
    public var sizeParameter: String
    /// Where the items array sits in the reply object; a dotted path such as `data.assistants` nests it.
    public var itemsKey: String
    /// Where the total count sits in the reply object; dotted like `itemsKey`.
    public var totalKey: String
    public var envelope: Envelope
    /// A server-side cap on the page size: asking for more yields pages of this size (the sibling calls list
    /// defaults to 10, research/providers.md §4.1); nil serves what was asked.
    public var maximumSize: Int?

    /// The shape assumed from the calls list (`page`, `size`, `{totalCount, conversations}`).
    public static let `default` = InteractlyShape(
        listPath: "/assistants/v1/assistants",
        pageParameter: "page",
        sizeParameter: "size",
        itemsKey: "assistants",
        totalKey: "totalCount"
    )

    public init(
        listPath: String,
        pageParameter: String,
        sizeParameter: String,
        itemsKey: String,
        totalKey: String,
        envelope: Envelope = .object,
        maximumSize: Int? = nil
    ) {
        self.listPath = listPath
        self.pageParameter = pageParameter
        self.sizeParameter = sizeParameter
        self.itemsKey = itemsKey
        self.totalKey = totalKey
        self.envelope = envelope
        self.maximumSize = maximumSize
    }
}
