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
        redacted(value, underSecretKey: false) ?? value
    }

    /// The redacted value, or nil when redaction changes nothing in it: untouched subtrees (most of a
    /// record) are shared as they are instead of being rebuilt member by member.
    private func redacted(_ value: JSONValue, underSecretKey: Bool) -> JSONValue? {
        switch value {
        case .string(let text):
            if underSecretKey { return text.isEmpty ? nil : .string(key.fingerprint(text)) }
            return redactedURLUserInfo(text).map(JSONValue.string)
        case .array(let elements):
            var result: [JSONValue]?
            for (index, element) in elements.enumerated() {
                guard let replacement = redacted(element, underSecretKey: underSecretKey) else { continue }
                if result == nil { result = elements }
                result![index] = replacement
            }
            return result.map(JSONValue.array)
        case .object(let members):
            var result: [String: JSONValue]?
            for (name, member) in members {
                let meaning = Self.meaning(ofKey: name)
                let replacement =
                    meaning == .headers
                    ? redactHeaders(member)
                    : redacted(member, underSecretKey: underSecretKey || meaning == .secret)
                guard let replacement else { continue }
                if result == nil { result = members }
                result![name] = replacement
            }
            return result.map(JSONValue.object)
        default:
            return nil
        }
    }

    /// Header values are credentials often enough (`Authorization: Bearer …`, `X-Api-Key`) that all are
    /// fingerprinted; the names stay readable.
    private func redactHeaders(_ headers: JSONValue) -> JSONValue {
        switch headers {
        case .object(let members):
            return .object(members.mapValues { redacted($0, underSecretKey: true) ?? $0 })
        case .array(let elements):
            return .array(
                elements.map { element in
                    guard case .object(let pair) = element else {
                        return redacted(element, underSecretKey: true) ?? element
                    }
                    // Every member but `value` gets the rules of any object: a `name` holding a URL with
                    // user-info, or a `token` beside the pair, is no header value but still a secret.
                    var scrubbed = redacted(element, underSecretKey: false)?.objectValue ?? pair
                    if let value = pair["value"] {
                        scrubbed["value"] = redacted(value, underSecretKey: true) ?? value
                    }
                    return .object(scrubbed)
                }
            )
        default:
            return redacted(headers, underSecretKey: true) ?? headers
        }
    }

    /// What a member's key says about the value under it.
    enum KeyMeaning: Equatable {
        case plain, secret, headers
    }

    /// `meaning(folded: fold(name))`, without building the folded string for the ASCII keys of up to 64
    /// bytes that nearly every record consists of: a profile of a first mirror had folding and the
    /// secret-name checks at 4% of the CPU, as every key of every record goes through them.
    static func meaning(ofKey name: String) -> KeyMeaning {
        var name = name
        let ascii = name.withUTF8 { bytes -> KeyMeaning? in
            guard bytes.count <= 64, !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> KeyMeaning in
                var count = 0
                for byte in bytes where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                    buffer[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    count += 1
                }
                // Every name below is at least two bytes long, so a key that does not end as one of them
                // is plain; most keys leave here, before the nineteen comparisons.
                guard count >= 2, nameTails.contains(UInt16(buffer[count - 2]) << 8 | UInt16(buffer[count - 1])) else {
                    return .plain
                }
                let folded = UnsafeBufferPointer(rebasing: buffer[..<count])
                if headerNameBytes.contains(where: { endsWith(folded, $0, whole: true) }) { return .headers }
                if secretNameBytes.contains(where: { endsWith(folded, $0, whole: true) })
                    || secretSuffixBytes.contains(where: { endsWith(folded, $0, whole: false) })
                {
                    return .secret
                }
                return .plain
            }
        }
        return ascii ?? meaning(folded: fold(name))
    }

    /// Whether `bytes` ends with `tail` (or, `whole`, is `tail`): lengths first, then memcmp(3), where
    /// the generic `elementsEqual` walked every candidate name byte by byte.
    @inline(__always)
    private static func endsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ tail: [UInt8], whole: Bool) -> Bool {
        guard whole ? bytes.count == tail.count : bytes.count >= tail.count else { return false }
        guard let base = bytes.baseAddress else { return tail.isEmpty }
        return tail.withUnsafeBufferPointer {
            memcmp(base + bytes.count - tail.count, $0.baseAddress!, tail.count) == 0
        }
    }

    /// `folded` is the key after `fold`.
    static func meaning(folded: String) -> KeyMeaning {
        isHeaderCollection(folded: folded) ? .headers : namesSecret(folded: folded) ? .secret : .plain
    }

    private static let headerNameBytes = ["headers", "customheaders"].map { Array($0.utf8) }
    private static let secretNameBytes = secretNames.map { Array($0.utf8) }
    private static let secretSuffixBytes = secretSuffixes.map { Array($0.utf8) }
    /// The last two bytes of every name above, as `UInt16(next to last) << 8 | last`.
    private static let nameTails = Array(
        Set(
            (headerNameBytes + secretNameBytes + secretSuffixBytes).map {
                UInt16($0[$0.count - 2]) << 8 | UInt16($0.last!)
            }
        )
    )

    /// `folded` is the key after `fold`.
    static func isHeaderCollection(folded: String) -> Bool {
        folded == "headers" || folded == "customheaders"
    }

    static let secretNames: Set<String> = [
        "secret", "password", "passwd", "token", "apikey", "authorization", "credential", "credentials",
        "privatekey", "clientsecret", "cookie", "signature",
    ]

    static let secretSuffixes = ["secret", "secretkey", "password", "apikey", "token"]

    /// `folded` is the key after `fold`.
    static func namesSecret(folded: String) -> Bool {
        secretNames.contains(folded) || secretSuffixes.contains { folded.hasSuffix($0) }
    }

    /// Lowercased with `-` and `_` removed, so `secret_key`, `secretKey` and `Secret-Key` fold alike.
    /// ASCII keys (nearly all) fold byte by byte; any other key goes through full Unicode lowercasing,
    /// which also maps look-alikes such as U+212A KELVIN SIGN to `k`, so `to\u{212A}en` is a token too.
    static func fold(_ name: String) -> String {
        var name = name
        let ascii = name.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                for byte in bytes where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                    output[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                    count += 1
                }
                return count
            }
        }
        return ascii ?? String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// Every `scheme://user:pass@host…` in the text → `scheme://[redacted:…]@host…` (RFC 3986 §3.2.1
    /// user-info), wherever it appears: at the start, inside prose, or as the second URL of a string.
    /// nil when the text holds none, which one byte scan for `://` decides for most strings (prompts of
    /// kilobytes included).
    ///
    /// The scan works on UTF-8 bytes, where every delimiter is ASCII and so never part of a multi-byte
    /// sequence (RFC 3629 §3). Where bytes and characters could disagree it errs towards redacting:
    /// the scheme may hold non-ASCII letters, and a `/`, `?` or `#` followed by a non-ASCII byte (a
    /// combining mark may sit on it) does not end the authority.
    func redactedURLUserInfo(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.count >= 3 else { return nil }
            var output: [UInt8] = []
            var copied = 0
            var index = 0
            while index + 2 < bytes.count {
                // memchr(3) finds the next colon at vector speed; most prompts hold few or none.
                guard let colon = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: ":")), bytes.count - 2 - index)
                else { break }
                index = bytes.baseAddress!.distance(to: colon.assumingMemoryBound(to: UInt8.self))
                guard bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") else {
                    index += 1
                    continue
                }
                let authorityStart = index + 3
                var authorityEnd = authorityStart
                while authorityEnd < bytes.count, !Self.endsAuthority(bytes, at: authorityEnd) { authorityEnd += 1 }
                defer { index = max(authorityEnd, index + 3) }
                guard index > 0, Self.isSchemeByte(bytes[index - 1]),
                    let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@"))
                else { continue }
                output.append(contentsOf: bytes[copied..<authorityStart])
                output.append(
                    contentsOf: key.fingerprint(String(decoding: bytes[authorityStart..<at], as: UTF8.self)).utf8
                )
                copied = at
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: bytes[copied...])
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ); non-ASCII bytes count too.
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...:
            true
        default: false
        }
    }

    /// RFC 3986 §3.2: the authority ends at the next `/`, `?` or `#`, or at the end of the text.
    private static func endsAuthority(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"):
            index + 1 == bytes.count || bytes[index + 1] < 0x80
        default: false
        }
    }
}
