import Foundation
import MirrorCore

/// Replaces secret values in a provider record by keyed fingerprints before anything is stored.
///
/// What counts as secret (research/providers.md §§2.5, 3.3, 4.2):
/// - a string under a key that names a secret (`secret_key`, `password`, `api_key`, `authorization`,
///   `*token`, `*secret` …), and every string nested under such a key;
/// - every header value: `headers` or `custom_headers` as an object of values or an array of
///   `{name, value}` (Telnyx webhook and transfer tools, Interactly's assistantServer);
/// - the user-info of a URL (`https://user:pass@host/…`), wherever the URL appears.
/// Identifiers of secrets (`api_key_ref`, `llm_api_key_ref`) are not secrets and stay as they are.
public struct Redactor: Sendable {
    let key: FingerprintKey

    public init(key: FingerprintKey) { self.key = key }

    public func redact(_ value: JSONValue) -> JSONValue {
        redact(value, underSecretKey: false)
    }

    private func redact(_ value: JSONValue, underSecretKey: Bool) -> JSONValue {
        switch value {
        case .string(let text):
            if underSecretKey { return text.isEmpty ? value : .string(key.fingerprint(text)) }
            return .string(redactURLUserInfo(text))
        case .array(let elements):
            return .array(elements.map { redact($0, underSecretKey: underSecretKey) })
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (name, member) in members {
                if Self.isHeaderCollection(name) {
                    result[name] = redactHeaders(member)
                } else {
                    result[name] = redact(member, underSecretKey: underSecretKey || Self.namesSecret(name))
                }
            }
            return .object(result)
        default:
            return value
        }
    }

    /// Header values are credentials often enough (`Authorization: Bearer …`, `X-Api-Key`) that all are
    /// fingerprinted; the names stay readable.
    private func redactHeaders(_ headers: JSONValue) -> JSONValue {
        switch headers {
        case .object(let members):
            return .object(members.mapValues { redact($0, underSecretKey: true) })
        case .array(let elements):
            return .array(
                elements.map { element in
                    guard case .object(var pair) = element else { return redact(element, underSecretKey: true) }
                    if let value = pair["value"] { pair["value"] = redact(value, underSecretKey: true) }
                    return .object(pair)
                }
            )
        default:
            return redact(headers, underSecretKey: true)
        }
    }

    static func isHeaderCollection(_ name: String) -> Bool {
        let folded = fold(name)
        return folded == "headers" || folded == "customheaders"
    }

    static let secretNames: Set<String> = [
        "secret", "password", "passwd", "token", "apikey", "authorization", "credential", "credentials",
        "privatekey", "clientsecret", "cookie", "signature",
    ]

    static func namesSecret(_ name: String) -> Bool {
        let folded = fold(name)
        return secretNames.contains(folded) || folded.hasSuffix("secret") || folded.hasSuffix("secretkey")
            || folded.hasSuffix("password") || folded.hasSuffix("apikey") || folded.hasSuffix("token")
    }

    /// Lowercased with `-` and `_` removed, so `secret_key`, `secretKey` and `Secret-Key` fold alike.
    static func fold(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// `scheme://user:pass@host…` → `scheme://[redacted:…]@host…` (RFC 3986 §3.2.1 user-info).
    func redactURLUserInfo(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd =
            text[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return text }
        let scheme = text[..<schemeEnd.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else {
            return text
        }
        return String(text[..<authorityStart]) + key.fingerprint(String(text[authorityStart..<at]))
            + String(text[at...])
    }
}
