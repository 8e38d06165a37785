import MirrorCore

/// Builds reply lines: compact canonical JSON and a newline, one reply per line (NDJSON; JSON escapes
/// every control character inside strings, so a reply can never contain a raw newline; RFC 8259 §7).
public enum QueryReply {
    public static func success(id: JSONValue, result: JSONValue) -> [UInt8] {
        line(["v": .number("1"), "id": id, "ok": true, "result": result])
    }

    /// The same line for a result object, written without turning its rows into dictionaries.
    public static func success(id: JSONValue, result: some JSONObjectCodable) -> [UInt8] {
        var reply = JSONObject(["v": .number("1"), "id": id, "ok": true])
        reply.nest("result", result)
        return line(reply)
    }

    /// One event of a `follow` stream.
    public static func event(id: JSONValue, event: JSONValue) -> [UInt8] {
        line(["v": .number("1"), "id": id, "ok": true, "event": event])
    }

    /// The same line for an event object (a change), as `success` writes a result object.
    public static func event(id: JSONValue, event: some JSONObjectCodable) -> [UInt8] {
        var reply = JSONObject(["v": .number("1"), "id": id, "ok": true])
        reply.nest("event", event)
        return line(reply)
    }

    public static func failure(_ failure: QueryFailure) -> [UInt8] {
        line([
            "v": .number("1"), "id": failure.id, "ok": false,
            "error": ["code": .string(failure.code.rawValue), "message": .string(failure.message)],
        ])
    }

    private static func line(_ members: [String: JSONValue]) -> [UInt8] {
        line(JSONObject(members))
    }

    private static func line(_ object: JSONObject) -> [UInt8] {
        var writer = CanonicalObjectWriter()
        writer.write(object)
        writer.bytes.append(0x0A)
        return writer.bytes
    }
}
