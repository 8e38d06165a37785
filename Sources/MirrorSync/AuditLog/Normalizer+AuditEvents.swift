import MirrorCore

extension Normalizer {
    /// The event as stored: redacted like a snapshot (the name rules and the description's secret
    /// paths), and each change's `from` and `to` redacted as the value of the field it names, since a
    /// change of `webhook.secret_key` carries the secret itself under the neutral names `from` and `to`.
    func redactedAuditRecord(_ event: AuditEvent) -> String {
        let record = redactor.redact(event.record, secretPaths: schema.secretPaths)
        guard case .object(var members) = record, let changes = members["changes"]?.arrayValue else {
            return record.canonicalText
        }
        members["changes"] = .array(
            changes.map { change in
                guard case .object(var parts) = change, let field = parts["field"]?.stringValue else { return change }
                for side in ["from", "to"] {
                    if let value = parts[side] { parts[side] = redacted(value, asFieldAt: field) }
                }
                return .object(parts)
            }
        )
        return JSONValue.object(members).canonicalText
    }

    /// Places `value` where `field` (dot notation, as the audit log writes it) puts it in a record,
    /// redacts that record, and takes the value back out.
    private func redacted(_ value: JSONValue, asFieldAt field: String) -> JSONValue {
        let keys = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let nested = keys.reversed().reduce(value) { inner, key in JSONValue.object([key: inner]) }
        let redacted = redactor.redact(nested, secretPaths: schema.secretPaths)
        return keys.reduce(redacted) { outer, key in outer[key] ?? outer }
    }
}
