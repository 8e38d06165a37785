import MirrorCore

extension Redactor {
    /// `redact(_:)`, then every string a description's secret path reaches (`metadata.webhook_token`)
    /// is fingerprinted too. A string the name rule already fingerprinted keeps its fingerprint, so a
    /// secret named twice is not fingerprinted twice.
    public func redact(_ value: JSONValue, secretPaths: [PathPattern]) -> JSONValue {
        secretPaths.reduce(redact(value)) { document, pattern in
            pattern.rewriting(document) { fingerprintingStrings($0) }
        }
    }

    private func fingerprintingStrings(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where !text.isEmpty && !text.hasPrefix(Self.fingerprintPrefix):
            .string(key.fingerprint(text))
        case .array(let elements): .array(elements.map(fingerprintingStrings))
        case .object(let members): .object(members.mapValues(fingerprintingStrings))
        default: value
        }
    }

    /// How `FingerprintKey.fingerprint` starts.
    static let fingerprintPrefix = "[redacted:hmac-sha256:"
}
