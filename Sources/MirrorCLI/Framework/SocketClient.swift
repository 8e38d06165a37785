import Foundation
import MirrorCore
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

    /// Sends one request and returns its result; an error reply becomes a CLIError (exit 1).
    func request(
        _ op: String,
        _ parameters: [String: JSONValue] = [:],
        timeout: Duration = .seconds(120)
    ) throws -> JSONValue {
        try send(op, parameters)
        return try result(of: try readReply(timeout: timeout))
    }

    /// Sends a `follow` request and hands each event to `onEvent` until the daemon closes the stream.
    func stream(_ op: String, _ parameters: [String: JSONValue], onEvent: (JSONValue) -> Void) throws {
        try send(op, parameters)
        while true {
            let reply = try readReply(timeout: .seconds(3600))
            if let event = reply["event"] {
                onEvent(event)
            } else {
                _ = try result(of: reply)
                return
            }
        }
    }

    private func send(_ op: String, _ parameters: [String: JSONValue]) throws {
        var request = parameters
        request["v"] = .number("1")
        request["id"] = .number("1")
        request["op"] = .string(op)
        var line = JSONValue.object(request).canonicalBytes
        line.append(0x0A)
        do {
            try connection.write(Data(line), timeout: .seconds(10))
        } catch {
            throw CLIError("the daemon at \(path) closed the connection: \(error)", status: .unavailable)
        }
    }

    private func readReply(timeout: Duration) throws -> JSONValue {
        switch try connection.readLine(maxBytes: Self.maxReplyBytes, timeout: timeout) {
        case .line(let data):
            do {
                return try JSONParser.parse(data)
            } catch {
                throw CLIError("the daemon sent a reply that is not JSON: \(error)", status: .unavailable)
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

    private func result(of reply: JSONValue) throws -> JSONValue {
        if reply["ok"]?.boolValue == true { return reply["result"] ?? .null }
        let code = reply["error"]?["code"]?.stringValue ?? "error"
        let message = reply["error"]?["message"]?.stringValue ?? "the daemon refused the request"
        throw CLIError("\(message) (\(code))", status: code == "bad_request" ? .usage : .failure)
    }
}

/// Turns `--since`/`--until` values into the protocol's ISO 8601 times: a date or time as it is, or a
/// duration meaning "that long ago" (`--since 90d`).
enum TimeArgument {
    static func parse(_ text: String?, option: String) throws -> JSONValue {
        guard let text else { return .null }
        if let normalized = Timestamp.normalize(text) { return .string(normalized) }
        if let ago = DurationText.parse(text) {
            return .string(Timestamp.format(Date().addingTimeInterval(-ago.seconds)))
        }
        throw UsageError(
            "--\(option) '\(text)' is neither an ISO 8601 time (2026-03-01, 2026-03-01T09:30:00Z) nor a duration ago (90d, 12h)"
        )
    }
}
