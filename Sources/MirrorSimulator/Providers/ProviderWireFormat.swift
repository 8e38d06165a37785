import Foundation

/// Which page a list request asks for, after the provider's own defaults and limits.
struct PageRequest: Sendable, Equatable {
    var number: Int
    var size: Int
    /// Cursor paging: the page starts right after the assistant with this id (number is then ignored).
    var after: String? = nil
    /// Serve the list newest first (reverse creation order), as cursor APIs ordering by `created_at` do.
    var newestFirst = false
}

/// The outcome of reading a list request's paging parameters.
enum ListParameters {
    case page(PageRequest)
    /// The provider refuses the parameters with this response (e.g. Invent's `take` > 100 → 400).
    case rejected(HTTPResponse)
}

/// What a list response needs besides the items.
struct ListContext {
    /// `http://HOST:PORT/prefix`, from the request's Host header, as a Django-style server builds links.
    let apiRoot: String
    /// The query as received, for links that keep the client's parameters.
    let query: [String: String]
    /// `SimulatorFault.loopingNext` is active for this response.
    let loopsNext: Bool
    /// Live assistants follow this page (always true while `loopsNext`, which keeps a client asking).
    let hasMore: Bool
}

/// One provider's wire format, written from its API documents (seeds/, research/providers.md): routes, auth,
/// envelopes, errors, record shape and timestamp style. Shares nothing with the mirror's adapters on purpose.
protocol ProviderWireFormat: Sendable {
    var provider: SimulatedProvider { get }
    /// The list path under the provider's prefix; GET-one is `listPath/{id}`.
    var listPath: String { get }
    var idKey: String { get }
    var mainPromptPath: SimulatedFieldPath { get }
    /// Nil for Telnyx, whose assistants carry only `created_at`.
    var updatedAtKey: String? { get }
    /// True when the page number is ignored and every request gets the first page (Telnyx without `meta`).
    var servesOnlyFirstPage: Bool { get }
    /// True when `loopingNext` is expressed through a `next` link rather than by repeating the first page.
    var loopsThroughNextLink: Bool { get }

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool
    /// The provider's error envelope with this status.
    func errorResponse(status: Int, message: String) -> HTTPResponse
    func notFoundResponse(id: String) -> HTTPResponse
    func listParameters(_ query: [String: String]) -> ListParameters
    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse
    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse

    func newID(_ random: inout SeededRandom) -> String
    /// A complete record as the list sends it; `variant` is the seeding index, which picks rarer shapes.
    func makeRecord(
        id: String,
        persona: SimulatedPersona,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        random: inout SeededRandom
    ) -> SimulatedJSON
    func timestamp(_ micros: Int64) -> String
    /// Prompt-bearing fields other than the main prompt that exist in this record.
    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath]
    /// A realistic non-prompt change: the path and its new value (different from the current one).
    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON)
    /// A nested object's own timestamp that moves with a nested prompt edit (Invent actions), if any.
    func ownTimestampPath(forNestedPrompt path: SimulatedFieldPath) -> SimulatedFieldPath?
    /// Whether a nested prompt edit also moves the record's own `updated_at`.
    func nestedEditBumpsParent(random: inout SeededRandom) -> Bool

    // MARK: The update call (seeds 000, 001, 003, 004; the OpenAI-style "modify assistant")

    /// `PATCH`, or `POST` where the document says so (Telnyx, OpenAI style).
    var updateMethod: String { get }
    /// The top-level body members the update document lists and the record stores; others are refused, so a
    /// mirror that sends more than it means to is caught.
    var updatableMembers: Set<String> { get }
    /// Members the document accepts that are not stored in the record (Telnyx `promote_to_main`).
    var updateOnlyMembers: Set<String> { get }
    /// Members the document marks required in every update body (Interactly: `name`).
    var requiredUpdateMembers: [String] { get }
    /// A refused update body, in the provider's error shape; `member` is the wire path at fault, if one is.
    func invalidBodyResponse(member: String?, message: String) -> HTTPResponse
    /// The reply to an applied update, as the document shows it.
    func updateResponse(_ record: SimulatedJSON) -> HTTPResponse
}

extension ProviderWireFormat {
    var updateOnlyMembers: Set<String> { [] }
    var requiredUpdateMembers: [String] { [] }

    func invalidBodyResponse(member: String?, message: String) -> HTTPResponse {
        errorResponse(status: 400, message: message)
    }

    func updateResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(record.foundationObject)
    }

    /// A nested prompt edit leaves the record's own `updated_at` alone unless a format says otherwise.
    func nestedEditBumpsParent(random: inout SeededRandom) -> Bool { false }

    var servesOnlyFirstPage: Bool { false }
    var loopsThroughNextLink: Bool { false }
    func ownTimestampPath(forNestedPrompt path: SimulatedFieldPath) -> SimulatedFieldPath? { nil }

    func hasBearerToken(_ request: HTTPRequest, _ apiKey: String) -> Bool {
        request.headers["authorization"] == "Bearer \(apiKey)"
    }

    /// A page number and size from two positive-integer query parameters, each optional; a bad value is
    /// refused with `invalidStatus` and a message naming the parameter (Telnyx answers 422, Interactly 400).
    func pageRequest(
        _ query: [String: String],
        numberKey: String,
        sizeKey: String,
        defaultSize: Int,
        invalidStatus: Int
    ) -> ListParameters {
        var page = PageRequest(number: 1, size: defaultSize)
        for (key, target) in [(numberKey, \PageRequest.number), (sizeKey, \PageRequest.size)] {
            switch positiveInteger(query[key]) {
            case .absent: break
            case .value(let value): page[keyPath: target] = value
            case .invalid(let text):
                return .rejected(
                    errorResponse(status: invalidStatus, message: "\(key) must be a positive integer, not '\(text)'")
                )
            }
        }
        return .page(page)
    }

    /// A positive integer query parameter: `.absent`, `.value(n)` or `.invalid` (not a number, or < 1).
    func positiveInteger(_ text: String?) -> PositiveInteger {
        guard let text else { return .absent }
        guard let value = Int(text), value >= 1 else { return .invalid(text) }
        return .value(value)
    }

    /// A value different from `current`, picked from `choices`.
    func different(
        from current: SimulatedJSON?,
        in choices: [SimulatedJSON],
        random: inout SeededRandom
    )
        -> SimulatedJSON
    {
        let others = choices.filter { $0 != current }
        return others.isEmpty ? choices[0] : random.pick(others)
    }
}

enum PositiveInteger: Equatable {
    case absent
    case value(Int)
    case invalid(String)
}
