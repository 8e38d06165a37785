/// A misbehaviour to inject into a provider's next list response(s), each consumed when it fires.
public enum SimulatorFault: Sendable, Equatable {
    /// Answer with this status and the provider's error body; `retryAfter` becomes a `Retry-After` header.
    case status(Int, retryAfter: String? = nil)
    /// A 200 whose JSON body is cut off mid-object.
    case malformedJSON
    /// Valid JSON in the provider's envelope, but the items are not all objects and one id is a number.
    case wrongTypes
    /// A 200 carrying an HTML maintenance page, as a misconfigured proxy would.
    case html200
    /// A `Content-Length` for the full page, then half the body, then the connection closes.
    case truncatedBody
    /// The connection closes without a response.
    case closeConnection
    /// PureTalk: `next` points to the requested page again. Others: the page parameter is ignored and the first
    /// page comes back with the requested page's metadata, so a client that does not detect repeats loops.
    case loopingNext
    /// Delete the first live assistant just before serving the page, so later items shift one place earlier.
    case shiftBeforePage
    /// Send the normal response after this many seconds.
    case slow(seconds: Double)
}
