import Foundation
import MirrorCore

/// The provider's documented update call for one account (`ProviderDescription.UpdateCall`): the
/// smallest body the document allows (the prompt, plus the fields it marks required, copied from the
/// current record), sent once, and the reply checked to be the assistant.
public struct PromptUpdate: Sendable {
    /// What every text that may reach a provider is checked for: the mirror's own redaction marks
    /// (`[redacted:hmac-sha256:…]`, `scheme://[redacted:…]@host`). Sending one would overwrite a real
    /// value with the mirror's stand-in.
    public static let redactionMark = "[redacted:"

    let account: AccountConfiguration
    let call: ProviderDescription.UpdateCall
    let description: ProviderDescription

    public init(account: AccountConfiguration) throws(PromptUpdateError) {
        let description = account.effectiveDescription
        guard let call = description.update else {
            throw .noUpdateCall(provider: account.provider.rawValue, account: account.name)
        }
        self.account = account
        self.call = call
        self.description = description
    }

    /// The request, with `key` in its credential header (the placeholder when nil, for a preview).
    /// `record` is the assistant the carried fields are copied from.
    public func request(
        remoteID: String,
        prompt: String,
        record: JSONValue,
        key: Secret?
    ) throws(PromptUpdateError) -> (url: URL, prepared: PreparedRequest, headers: [String: String], body: Data) {
        guard !prompt.contains(Self.redactionMark) else { throw .redacted(field: call.promptPath) }
        var body = JSONValue.object([:])
        for path in call.carry {
            guard let value = record.value(atPath: path), !value.isNull else {
                throw .missingField(field: path, remoteID: remoteID)
            }
            if value.canonicalText.contains(Self.redactionMark) { throw .redacted(field: path) }
            body = Self.setting(value, at: path.split(separator: ".").map(String.init), in: body)
        }
        body = Self.setting(.string(prompt), at: call.promptPath.split(separator: ".").map(String.init), in: body)
        let path = description.resolvedPath(call.path, org: account.org)
            .replacingOccurrences(of: "{id}", with: ProviderDescription.pathSegment(remoteID))
        let url = Self.url(base: account.effectiveBaseURL, path: path)
        let credential = { (key: String) in (description.authScheme.map { $0 + " " } ?? "") + key }
        let ordered: [(name: String, value: String)] = [
            (description.authHeader, credential(PreparedRequest.keyPlaceholder)),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ]
        var headers = Dictionary(uniqueKeysWithValues: ordered.map { ($0.name, $0.value) })
        headers["User-Agent"] = ProviderRequester.userAgent
        if let key { headers[description.authHeader] = credential(key.reveal()) }
        let bytes = Data(body.canonicalBytes)
        let prepared = PreparedRequest(
            method: call.method,
            url: URLPolicy.redactedDescription(url),
            headers: ordered,
            body: String(decoding: bytes, as: UTF8.self)
        )
        return (url, prepared, headers, bytes)
    }

    /// Sends the request; returns the reply's status once it is 2xx and its body is the assistant
    /// (bare, or at the description's GET-one envelope).
    public func send(
        remoteID: String,
        prompt: String,
        record: JSONValue,
        key: Secret,
        http: any HTTPSending
    ) async throws -> Int {
        let (url, prepared, headers, body) = try request(remoteID: remoteID, prompt: prompt, record: record, key: key)
        let response: HTTPResponse
        do {
            response = try await http.send(call.method, url, headers: headers, body: body)
        } catch let HTTPError.transport(_, failure) {
            throw PromptUpdateError.transport(method: call.method, url: prepared.url, detail: failure.description)
        } catch let error as HTTPError {
            throw PromptUpdateError.transport(method: call.method, url: prepared.url, detail: error.description)
        }
        guard (200..<300).contains(response.status) else {
            throw PromptUpdateError.refused(
                provider: account.provider.rawValue,
                status: response.status,
                message: ProviderRequester.errorMessage(in: response.body)
            )
        }
        let reply = try? JSONParser.parse(response.body)
        let item = description.getItem.flatMap(PathPattern.init).flatMap { path in reply.flatMap(path.value) }
        let id = PathPattern(description.idPath) ?? PathPattern("id")!
        guard let record = item ?? reply, id.value(in: record)?.stringValue == remoteID else {
            throw PromptUpdateError.replyNotAssistant(provider: account.provider.rawValue, status: response.status)
        }
        return response.status
    }

    /// `value` placed at `path` in `object`, creating the objects on the way (`config.instructions`).
    static func setting(_ value: JSONValue, at path: [String], in object: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var members = object.objectValue ?? [:]
        members[first] = setting(value, at: Array(path.dropFirst()), in: members[first] ?? .object([:]))
        return .object(members)
    }

    /// The documented path under the account's API root, as GET requests build it.
    static func url(base: URL, path: String) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        let root = components.percentEncodedPath
        components.percentEncodedPath = (root.hasSuffix("/") ? String(root.dropLast()) : root) + path
        return components.url!
    }
}
