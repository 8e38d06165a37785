import Foundation
import Testing

@testable import MirrorSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A fetched response, decoded loosely with JSONSerialization (the tests stay independent of MirrorCore too).
struct Fetched {
    let status: Int
    let headers: [String: String]
    let body: Data

    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any]? { json as? [String: Any] }
    var array: [Any]? { json as? [Any] }
}

/// Real loopback HTTP against a started simulator, with each provider's auth header.
struct SimulatorHTTP {
    let simulator: ProviderSimulator
    let session = URLSession(configuration: .ephemeral)

    func get(
        _ provider: SimulatedProvider,
        _ path: String,
        query: [(String, String)] = [],
        key: String? = nil,
        sendKey: Bool = true
    ) async throws -> Fetched {
        var components = URLComponents(
            url: simulator.baseURL(for: provider).appendingPathComponent(String(path.dropFirst())),
            resolvingAgainstBaseURL: false
        )!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return try await get(components.url!, provider: provider, key: key, sendKey: sendKey)
    }

    func get(_ url: URL, provider: SimulatedProvider, key: String? = nil, sendKey: Bool = true) async throws -> Fetched
    {
        try await send(URLRequest(url: url), provider: provider, key: key, sendKey: sendKey)
    }

    /// A request with a body (`PATCH`, `POST`) to `path` under the provider's root; `body` is sent as is.
    func send(
        _ method: String,
        _ provider: SimulatedProvider,
        _ path: String,
        body: Data,
        contentType: String? = "application/json",
        key: String? = nil
    ) async throws -> Fetched {
        var request = URLRequest(url: simulator.baseURL(for: provider).appendingPathComponent(String(path.dropFirst())))
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        return try await send(request, provider: provider, key: key, sendKey: true)
    }

    /// `body` written as JSON.
    func send(_ method: String, _ provider: SimulatedProvider, _ path: String, json body: Any) async throws -> Fetched {
        try await send(
            method,
            provider,
            path,
            body: JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        )
    }

    private func send(
        _ request: URLRequest,
        provider: SimulatedProvider,
        key: String?,
        sendKey: Bool
    ) async throws
        -> Fetched
    {
        var request = request
        if sendKey {
            let apiKey = key ?? simulator.apiKeys[provider]!
            if provider == .puretalk {
                request.setValue(apiKey, forHTTPHeaderField: "X-API-KEY")
            } else {
                request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
            }
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return Fetched(status: http.statusCode, headers: headers, body: data)
    }

    /// The list path of each provider with the simulator's options.
    func listPath(_ provider: SimulatedProvider, interactly: InteractlyShape = .default) -> String {
        switch provider {
        case .puretalk: "/ai-assistants"
        case .invent: "/orgs/\(simulator.inventOrg)/assistants"
        case .telnyx: "/ai/assistants"
        case .interactly: interactly.listPath
        case .openAIStyle: "/v1/assistants"
        }
    }

    /// Items of one list page, whatever the envelope.
    static func items(_ provider: SimulatedProvider, _ page: Fetched, interactly: InteractlyShape = .default) -> [Any]?
    {
        switch provider {
        case .puretalk: page.object?["results"] as? [Any]
        case .invent: page.array
        case .telnyx: page.object?["data"] as? [Any]
        case .interactly: page.object?[interactly.itemsKey] as? [Any]
        case .openAIStyle: page.object?["data"] as? [Any]
        }
    }

    static func idKey(_ provider: SimulatedProvider) -> String {
        switch provider {
        case .puretalk: "assistant_id"
        case .invent, .telnyx, .openAIStyle: "id"
        case .interactly: "_id"
        }
    }

    static func ids(_ provider: SimulatedProvider, _ items: [Any]) -> [String] {
        items.compactMap { ($0 as? [String: Any])?[idKey(provider)] as? String }
    }

    /// Every live assistant of `provider`, paging with each provider's own parameters.
    func crawl(_ provider: SimulatedProvider, pageSize: Int = 5) async throws -> [[String: Any]] {
        if provider == .openAIStyle { return try await crawlByCursor(pageSize: pageSize) }
        var all: [[String: Any]] = []
        for number in 1...1000 {
            let query: [(String, String)] =
                switch provider {
                case .puretalk: [("page", "\(number)"), ("limit", "\(pageSize)")]
                case .invent: [("page", "\(number)"), ("take", "\(pageSize)")]
                case .telnyx: [("page[number]", "\(number)"), ("page[size]", "\(pageSize)")]
                case .interactly, .openAIStyle: [("page", "\(number)"), ("size", "\(pageSize)")]
                }
            let page = try await get(provider, listPath(provider), query: query)
            if provider == .puretalk, page.status == 404 { break }
            try #require(page.status == 200)
            let items = try #require(Self.items(provider, page) as? [[String: Any]])
            all += items
            if items.count < pageSize { break }
        }
        return all
    }
}

extension SimulatorHTTP {
    /// Every live assistant of the OpenAI-style API, oldest first, following `after` while `has_more` says so.
    func crawlByCursor(pageSize: Int) async throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        var after: String?
        for _ in 1...1000 {
            var query = [("limit", "\(pageSize)"), ("order", "asc")]
            if let after { query.append(("after", after)) }
            let page = try await get(.openAIStyle, "/v1/assistants", query: query)
            try #require(page.status == 200)
            all += try #require(page.object?["data"] as? [[String: Any]])
            guard page.object?["has_more"] as? Bool == true else { break }
            after = try #require(page.object?["last_id"] as? String)
        }
        return all
    }
}

/// Sorted-key JSON text, to compare Foundation object graphs.
func canonicalText(_ object: Any) -> String {
    let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "<not JSON>"
}

/// Follows a wire path such as `actions[0].instructions` or `llm_states[1].children[0].prompt`.
func value(at wirePath: String, in object: Any) -> Any? {
    var current: Any? = object
    for part in wirePath.split(separator: ".") {
        var name = Substring(part)
        var indexes: [Int] = []
        while let open = name.lastIndex(of: "["), name.hasSuffix("]") {
            indexes.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
            name = name[..<open]
        }
        current = (current as? [String: Any])?[String(name)]
        for index in indexes {
            guard let array = current as? [Any], array.indices.contains(index) else { return nil }
            current = array[index]
        }
    }
    return current
}

func text(of value: Any?) -> String? {
    guard let value else { return nil }
    if let string = value as? String { return string }
    return canonicalText(value)
}
