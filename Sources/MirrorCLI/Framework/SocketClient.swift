import Foundation
import MirrorCore
import MirrorProtocol
import MirrorServer

/// Talks to the daemon over its Unix socket: one JSON request line, one reply line (or a stream).
struct SocketClient {
    static let commonOptions: [ParsedArguments.Option] = [
        .value("socket", "PATH", "the daemon's socket (default: the one in --config, else /run/assistant-mirror.sock)"),
        .value("config", "FILE", "read the socket path from this configuration"),
        .flag("json", "print the result as JSON (the socket reply's result)"),
    ]
    static let defaultSocket = "/run/assistant-mirror.sock"
    static let maxReplyBytes = 256 << 20

    let path: String
    let connection: UnixConnection

    static func connect(_ arguments: ParsedArguments) throws -> SocketClient {
        let path: String
        if let socket = arguments.value("socket") {
            path = socket
        } else if arguments.value("config") != nil {
            path = try CommandContext.loadConfiguration(arguments).socket
        } else {
            path = defaultSocket
        }
        do {
            return SocketClient(path: path, connection: try UnixConnection.connect(path: path, timeout: .seconds(5)))
        } catch {
            throw CLIError(
                "cannot reach the daemon at \(path): \(error). Is it running (systemctl status assistant-mirror)? "
                    + "Point at another socket with --socket PATH or --config FILE.",
                status: .unavailable
            )
        }
    }

    /// Sends one request and returns its result as sent (for `--json`) and decoded; an error reply
    /// becomes a CLIError (exit 1).
    func request<Result: JSONObjectCodable>(
        _ request: MirrorRequest,
        as type: Result.Type,
        timeout: Duration = .seconds(120)
    ) throws -> (json: JSONValue, result: Result) {
        let json = try result(of: request, timeout: timeout)
        return (json, try Self.decode(json))
    }

    /// Sends one request whose result is a JSON string (`metrics`) and returns the string.
    func requestText(_ request: MirrorRequest, timeout: Duration = .seconds(120)) throws -> String {
        guard case .string(let text) = try result(of: request, timeout: timeout) else {
            throw CLIError("the daemon sent a reply this client cannot read: expected text", status: .unavailable)
        }
        return text
    }

    private func result(of request: MirrorRequest, timeout: Duration) throws -> JSONValue {
        try send(request)
        let reply = try StillWorking.during("\(request.operation.rawValue): waiting for the daemon's answer") {
            try readReply(timeout: timeout)
        }
        switch reply {
        case .result(let json): return json
        case .event: throw CLIError("the daemon sent an event to a request that asked for none", status: .unavailable)
        case .failure(let code, let message): throw Self.refusal(code: code, message: message)
        }
    }

    /// Sends a `follow` request and hands each event, as sent and decoded, to `onEvent` until the
    /// daemon closes the stream.
    func stream<Event: JSONObjectCodable>(
        _ request: MirrorRequest,
        of type: Event.Type,
        onEvent: (JSONValue, Event) -> Void
    ) throws {
        try send(request)
        while true {
            switch try readReply(timeout: .seconds(3600)) {
            case .event(let json): onEvent(json, try Self.decode(json))
            case .result: return
            case .failure(let code, let message): throw Self.refusal(code: code, message: message)
            }
        }
    }

    private func send(_ request: MirrorRequest) throws {
        do {
            try connection.write(Data(request.line(id: .number("1"))), timeout: .seconds(10))
        } catch {
            throw CLIError("the daemon at \(path) closed the connection: \(error)", status: .unavailable)
        }
    }

    private func readReply(timeout: Duration) throws -> ReceivedReply {
        switch try connection.readLine(maxBytes: Self.maxReplyBytes, timeout: timeout) {
        case .line(let data):
            do {
                return try ReceivedReply(data)
            } catch {
                throw CLIError("the daemon sent a reply this client cannot read: \(error)", status: .unavailable)
            }
        case .tooLong:
            throw CLIError(
                "the daemon's reply is larger than \(Self.maxReplyBytes) bytes; narrow the query",
                status: .failure
            )
        case .endOfStream: throw CLIError("the daemon closed the connection without replying", status: .unavailable)
        case .timedOut: throw CLIError("no reply from the daemon within \(timeout.readable)", status: .unavailable)
        }
    }

    private static func decode<Value: JSONObjectCodable>(_ json: JSONValue) throws -> Value {
        do {
            return try Value(json: json)
        } catch {
            throw CLIError("the daemon sent a reply this client cannot read: \(error)", status: .unavailable)
        }
    }

    private static func refusal(code: String, message: String) -> CLIError {
        CLIError("\(message) (\(code))", status: code == QueryFailure.Code.badRequest.rawValue ? .usage : .failure)
    }
}

/// Turns `--since`/`--until` values into the protocol's ISO 8601 times: a date or time as it is, or a
/// duration meaning "that long ago" (`--since 90d`).
enum TimeArgument {
    static func parse(_ text: String?, option: String) throws -> String? {
        guard let text else { return nil }
        if let normalized = Timestamp.normalize(text) { return normalized }
        if let ago = DurationText.parse(text) { return Timestamp.format(Date().addingTimeInterval(-ago.seconds)) }
        throw UsageError(
            "--\(option) '\(text)' is neither an ISO 8601 time (2026-03-01, 2026-03-01T09:30:00Z) nor a duration ago (90d, 12h)"
        )
    }
}

/// Reads `--head SEQ:HASH` here, so a mistyped head is refused before anything is sent.
enum ChainHeadArgument {
    static func parse(_ text: String?) throws -> ChainVerification.Head? {
        guard let text else { return nil }
        guard let head = ChainVerification.Head(text: text) else {
            throw UsageError("--head '\(text)' should be \(ChainVerification.Head.expectedForm)")
        }
        return head
    }
}
