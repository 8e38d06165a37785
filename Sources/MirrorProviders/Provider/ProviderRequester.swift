import Foundation
import MirrorCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What every adapter does the same way: build a URL under the account's API root, send the
/// authenticated GET through the shared client, check the status and parse the JSON body.
struct ProviderRequester: Sendable {
    let kind: ProviderKind
    let baseURL: URL
    /// The account's name and where its key comes from, for the words of a refused key.
    let account: String
    let keySource: SecretSource
    let authorization: [String: String]
    let http: any HTTPFetching
    let policy: RequestPolicy

    init(
        account: AccountConfiguration,
        authorization: [String: String],
        http: any HTTPFetching,
        policy: RequestPolicy = .default
    ) {
        self.kind = account.provider
        self.baseURL = account.effectiveBaseURL
        self.account = account.name
        self.keySource = account.secret
        self.authorization = authorization
        self.http = http
        self.policy = policy
    }

    /// Names the mirror to the provider's logs instead of libcurl's default.
    static let userAgent = "assistant-mirror/\(MirrorVersion.current)"

    /// `base-url` is the API root to which the documented path is appended (design.md). Query names and
    /// values are percent-encoded (`PercentEncoding`); `[` and `]` in Telnyx's `page[number]` are too.
    func url(path: String, query: [(String, String)] = []) -> URL {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        let root =
            components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = root + path
        if !query.isEmpty {
            components.percentEncodedQuery = query.map {
                "\(PercentEncoding.component($0.0))=\(PercentEncoding.component($0.1))"
            }.joined(separator: "&")
        }
        return components.url!
    }

    /// GETs `url` and parses its JSON body; throws for 401/403 and for any other non-2xx status
    /// except those listed in `passing` (404 on GET-one), which come back with a nil body. A 404 for a
    /// list page (`page` set) means the path itself is wrong, never that the list is empty. With
    /// `itemsPath`, the items there come with the digests of their exact bytes (`JSONParser`).
    func getJSON(
        _ url: URL,
        page: Int?,
        passing: Set<Int> = [],
        itemsPath: [String]? = nil,
        skipping isKnown: (@Sendable (UInt64) -> Bool)? = nil
    ) async throws -> (json: JSONValue?, response: HTTPResponse, itemDigests: [UInt64], skipped: [UInt64]) {
        let headers = authorization.merging(["Accept": "application/json", "User-Agent": Self.userAgent]) { auth, _ in
            auth
        }
        let response = try await http.get(url, headers: headers, policy: policy)
        if passing.contains(response.status) { return (nil, response, [], []) }
        switch response.status {
        case 200..<300: break
        case 401, 403:
            throw ProviderError.unauthorized(
                provider: kind,
                status: response.status,
                account: account,
                keySource: keySource.description
            )
        case 404 where page != nil:
            throw ProviderError.listNotFound(provider: kind, url: URLPolicy.redactedDescription(url))
        default:
            throw ProviderError.unexpectedStatus(
                provider: kind,
                status: response.status,
                page: page,
                providerMessage: Self.errorMessage(in: response.body)
            )
        }
        do {
            guard let itemsPath else { return (try JSONParser.parse(response.body), response, [], []) }
            guard let isKnown else {
                let (json, digests) = try JSONParser.parse(response.body, digestingItemsAt: itemsPath)
                return (json, response, digests, [])
            }
            let (json, digests, skipped) = try JSONParser.parse(
                response.body,
                digestingItemsAt: itemsPath,
                skippingItems: isKnown
            )
            return (json, response, digests, skipped)
        } catch let error as JSONParseError {
            let type = response.header("content-type").map { " (content-type \($0))" } ?? ""
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "the body is not JSON\(type): \(error)"
            )
        }
    }

    /// The short error text of the providers' error envelopes: PureTalk `{err,msg}`, Invent
    /// `{message}`, Telnyx `{errors:[{title,detail}]}`. Capped, single line.
    static func errorMessage(in body: Data) -> String? {
        guard let json = try? JSONParser.parse(body) else { return nil }
        let text =
            json["msg"]?.stringValue ?? json["message"]?.stringValue
            ?? json["errors"]?.arrayValue?.first.flatMap { $0["detail"]?.stringValue ?? $0["title"]?.stringValue }
        return text.map { String($0.replacingOccurrences(of: "\n", with: " ").prefix(200)) }
    }

    /// Takes the items of a page: each must be an object whose `id` is a non-empty string. `digests`
    /// are their raw bytes' digests, used only when there is one per item.
    func records(
        from items: JSONValue?,
        digests: [UInt64] = [],
        id idField: PathPattern,
        page: Int?
    ) throws -> [RemoteRecord] {
        guard let elements = items?.arrayValue else {
            throw ProviderError.malformedPage(
                provider: kind,
                page: page,
                reason: "the items should be an array, found \(items?.typeName ?? "nothing")"
            )
        }
        return try elements.enumerated().map { index, element in
            guard case .object = element else {
                throw ProviderError.malformedPage(
                    provider: kind,
                    page: page,
                    reason: "item \(index) is \(element.typeName), not an object"
                )
            }
            guard let id = idField.value(in: element)?.stringValue, !id.isEmpty else {
                let found = idField.value(in: element)?.typeName ?? "missing"
                throw ProviderError.malformedPage(
                    provider: kind,
                    page: page,
                    reason: "item \(index) has no string '\(idField)' (found \(found))"
                )
            }
            return RemoteRecord(
                remoteID: id,
                raw: element,
                rawDigest: digests.count == elements.count ? digests[index] : nil
            )
        }
    }
}
