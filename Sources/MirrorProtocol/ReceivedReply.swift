import MirrorCore

/// A reply line as a client reads it: a result, an event of a `follow` stream, or a failure.
/// `QueryReply` writes these lines; this reads them, so both ends share one spelling of the envelope.
public enum ReceivedReply: Sendable, Equatable {
    case result(JSONValue)
    case event(JSONValue)
    /// The error's code as sent (a newer daemon may send a code this client does not name) and message.
    case failure(code: String, message: String)

    public init(_ line: some Collection<UInt8>) throws(JSONShapeError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(line)
        } catch {
            throw JSONShapeError("the reply is not JSON: \(error)")
        }
        let reply = try JSONObject(json, what: "a reply")
        if let event = reply["event"] {
            self = .event(event)
        } else if reply["ok"] == true {
            self = .result(reply["result"] ?? .null)
        } else {
            let error = reply["error"]
            self = .failure(
                code: error?["code"]?.stringValue ?? "error",
                message: error?["message"]?.stringValue ?? "the daemon refused the request"
            )
        }
    }
}
