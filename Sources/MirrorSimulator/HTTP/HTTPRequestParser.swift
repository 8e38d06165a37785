import Foundation

/// Parses an HTTP/1.1 request head (RFC 9112 §2–§6). Strict where leniency would hide client bugs
/// (whitespace before a colon, missing Host, bad Content-Length), because the simulator is a test witness.
enum HTTPRequestParser {
    /// The request line and header section, before the body is read.
    struct Head: Equatable {
        let method: String
        let target: String
        let minorVersion: Int
        let headers: [String: String]
        let path: String
        let query: [String: String]

        /// RFC 9112 §9.3: HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 only with `keep-alive`.
        var wantsKeepAlive: Bool {
            let options = (headers["connection"] ?? "").lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if options.contains("close") { return false }
            return minorVersion >= 1 || options.contains("keep-alive")
        }
    }

    static let maximumHeadBytes = 64 * 1024
    static let maximumBodyBytes = 16 * 1024 * 1024

    private static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )

    /// Parses `head`, the bytes before the blank line (without the final CRLF CRLF).
    static func parseHead(_ head: some Collection<UInt8>) throws(HTTPRequestParseError) -> Head {
        guard let text = String(validating: head, as: UTF8.self) else {
            throw .badRequest("request head is not valid UTF-8 (RFC 9112 §2.2 expects US-ASCII)")
        }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        let (method, target, minorVersion) = try parseRequestLine(requestLine)
        let headers = try parseFields(lines)
        if minorVersion >= 1, headers["host"] == nil {
            throw .badRequest("HTTP/1.1 request without a Host header (RFC 9112 §3.2)")
        }
        let (path, query) = try splitTarget(target)
        return Head(
            method: method,
            target: target,
            minorVersion: minorVersion,
            headers: headers,
            path: path,
            query: query
        )
    }

    /// The number of body bytes to read (RFC 9112 §6.3): `Content-Length`, else none.
    static func bodyLength(of head: Head) throws(HTTPRequestParseError) -> Int {
        if head.headers["transfer-encoding"] != nil {
            throw HTTPRequestParseError(
                status: 501,
                reason: "Transfer-Encoding is not supported by this server; send a Content-Length body"
            )
        }
        guard let value = head.headers["content-length"] else { return 0 }
        guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let length = Int(value) else {
            throw .badRequest("Content-Length '\(value)' is not a single non-negative decimal (RFC 9110 §8.6)")
        }
        guard length <= maximumBodyBytes else {
            throw HTTPRequestParseError(
                status: 413,
                reason: "request body of \(length) bytes exceeds the limit of \(maximumBodyBytes)"
            )
        }
        return length
    }

    private static func parseRequestLine(
        _ line: String
    ) throws(HTTPRequestParseError) -> (method: String, target: String, minorVersion: Int) {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .badRequest("request line '\(line.prefix(200))' is not 'METHOD SP target SP HTTP/1.x' (RFC 9112 §3)")
        }
        let method = String(parts[0])
        guard method.allSatisfy({ tokenCharacters.contains($0) }) else {
            throw .badRequest("method '\(method.prefix(50))' is not a token (RFC 9110 §9.1)")
        }
        let version = parts[2]
        guard version.hasPrefix("HTTP/") else {
            throw .badRequest("protocol '\(version.prefix(50))' is not HTTP/1.0 or HTTP/1.1")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw HTTPRequestParseError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are supported, not \(version)")
        }
        let target = String(parts[1])
        guard target.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .badRequest("request-target contains a space, control or non-ASCII character (RFC 9112 §3.2)")
        }
        return (method, target, version == "HTTP/1.1" ? 1 : 0)
    }

    private static func parseFields(_ lines: [String]) throws(HTTPRequestParseError) -> [String: String] {
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                throw .badRequest("header line '\(line.prefix(100))' has no colon (RFC 9112 §5)")
            }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy({ tokenCharacters.contains($0) }) else {
                throw .badRequest(
                    "header name '\(name.prefix(100))' is not a token; "
                        + "no whitespace is allowed before the colon (RFC 9112 §5.1)"
                )
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
                throw .badRequest("header '\(name)' has a control character in its value (RFC 9110 §5.5)")
            }
            let key = name.lowercased()
            if key == "content-length", let previous = headers[key], previous != value {
                throw .badRequest("conflicting Content-Length values (RFC 9112 §6.3)")
            }
            headers[key] = headers[key].map { key == "content-length" ? $0 : "\($0), \(value)" } ?? value
        }
        return headers
    }

    /// Splits origin-form or absolute-form (RFC 9112 §3.2.1, §3.2.2) into a decoded path and query.
    private static func splitTarget(
        _ target: String
    ) throws(HTTPRequestParseError) -> (path: String, query: [String: String]) {
        var originForm = Substring(target)
        if let schemeEnd = target.range(of: "://"), target.lowercased().hasPrefix("http") {
            let afterAuthority = target[schemeEnd.upperBound...]
            originForm =
                afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? "/"
        } else if target == "*" {
            return ("*", [:])
        }
        guard originForm.hasPrefix("/") || originForm.hasPrefix("?") else {
            throw .badRequest("request-target '\(target.prefix(200))' is neither origin-form nor absolute-form")
        }
        let pieces = originForm.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = pieces[0].isEmpty ? "/" : String(pieces[0])
        guard let path = rawPath.removingPercentEncoding else {
            throw .badRequest("path '\(rawPath.prefix(200))' has an invalid percent-encoding (RFC 3986 §2.1)")
        }
        let query = pieces.count > 1 ? decodeQuery(pieces[1]) : [:]
        return (path, query)
    }

    /// `application/x-www-form-urlencoded` parsing (WHATWG URL §5.1): `+` is a space, bad escapes stay literal.
    static func decodeQuery(_ query: some StringProtocol) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = formDecode(keyValue[0])
            result[key] = keyValue.count > 1 ? formDecode(keyValue[1]) : ""
        }
        return result
    }

    private static func formDecode(_ text: some StringProtocol) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
