import MirrorCore

/// Builds reply lines: compact canonical JSON and a newline, one reply per line (NDJSON; JSON escapes
/// every control character inside strings, so a reply can never contain a raw newline; RFC 8259 §7).
public enum QueryReply {
    public static func success(id: JSONValue, result: JSONValue) -> [UInt8] {
        line(["v": .number("1"), "id": id, "ok": true, "result": result])
    }

    /// One event of a `follow` stream.
    public static func event(id: JSONValue, event: JSONValue) -> [UInt8] {
        line(["v": .number("1"), "id": id, "ok": true, "event": event])
    }

    public static func failure(_ failure: QueryFailure) -> [UInt8] {
        line([
            "v": .number("1"), "id": failure.id, "ok": false,
            "error": ["code": .string(failure.code.rawValue), "message": .string(failure.message)],
        ])
    }

    private static func line(_ object: [String: JSONValue]) -> [UInt8] {
        var bytes = JSONValue.object(object).canonicalBytes
        bytes.append(0x0A)
        return bytes
    }
}
