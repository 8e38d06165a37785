/// Interactly's list endpoint is undocumented (research/providers.md §4.1), so its shape is configurable:
/// tests can serve other names and check that the mirror's per-account overrides reach the wire.
public struct InteractlyShape: Sendable, Equatable {
    /// Relative to the API root, e.g. `/assistants/v1/assistants`; GET-one is `listPath/{id}`.
    public var listPath: String
    public var pageParameter: String
    public var sizeParameter: String
    /// The key of the items array in the response envelope.
    public var itemsKey: String
    /// The key of the total count in the response envelope.
    public var totalKey: String

    /// The shape assumed from the calls list (`page`, `size`, `{totalCount, conversations}`).
    public static let `default` = InteractlyShape(
        listPath: "/assistants/v1/assistants",
        pageParameter: "page",
        sizeParameter: "size",
        itemsKey: "assistants",
        totalKey: "totalCount"
    )

    public init(listPath: String, pageParameter: String, sizeParameter: String, itemsKey: String, totalKey: String) {
        self.listPath = listPath
        self.pageParameter = pageParameter
        self.sizeParameter = sizeParameter
        self.itemsKey = itemsKey
        self.totalKey = totalKey
    }
}
