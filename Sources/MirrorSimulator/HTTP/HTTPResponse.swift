import Foundation

/// What the handler answers; `behavior` lets the simulator misbehave on the wire the way real servers do.
public struct HTTPResponse: Sendable {
    /// How the server puts the response on the wire.
    public enum Behavior: Sendable {
        case normal
        /// Wait this long before sending anything.
        case delay(seconds: Double)
        /// Send a `Content-Length` for the full body, then only this many body bytes, then close.
        case truncateBody(afterBytes: Int)
        /// Close the connection without sending a byte.
        case closeWithoutResponse
        /// Send the whole response at about this rate.
        case dribble(bytesPerSecond: Int)
    }

    public var status: Int
    /// Header fields in order. The server writes `Date`, `Content-Length` and `Connection` itself and drops
    /// handler-supplied copies of them (a `Connection: close` here still closes the connection).
    public var headers: [(String, String)]
    public var body: Data
    public var behavior: Behavior

    public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), behavior: Behavior = .normal)
    {
        self.status = status
        self.headers = headers
        self.body = body
        self.behavior = behavior
    }

    /// A JSON response written with `JSONSerialization` (sorted keys, so a seed gives byte-identical bodies).
    /// An object `JSONSerialization` cannot write yields a 500 that says so, not a crash.
    public static func json(_ object: Any, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponse {
        let contentType = ("Content-Type", "application/json")
        guard JSONSerialization.isValidJSONObject(object) || isJSONFragment(object),
            let body = try? JSONSerialization.data(
                withJSONObject: object,
                options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]
            )
        else {
            let message = "simulator bug: response object of type \(type(of: object)) is not JSON-serializable"
            return HTTPResponse(
                status: 500,
                headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Data(message.utf8)
            )
        }
        return HTTPResponse(status: status, headers: [contentType] + headers, body: body)
    }

    private static func isJSONFragment(_ object: Any) -> Bool {
        object is String || object is NSNull || object is NSNumber || object is Bool || object is Int
            || object is Double
    }
}
