import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension HTTPResponse {
    /// Fields the server writes itself (RFC 9110 §6.6.1 Date, §8.6 Content-Length; RFC 9112 §9.6 Connection).
    private static let serverOwnedFields: Set<String> = ["date", "content-length", "connection"]

    /// True when the handler asked for the connection to close after this response.
    var asksToClose: Bool {
        headers.contains { $0.0.lowercased() == "connection" && $0.1.lowercased().contains("close") }
    }

    /// The status line and header section, ending with the blank line (RFC 9112 §4, §5).
    func wireHead(keepAlive: Bool, now: Date = Date()) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reasonPhrase(for: status))\r\n"
        text += "Date: \(Self.imfFixdate(now))\r\n"
        for (name, value) in headers where !Self.serverOwnedFields.contains(name.lowercased()) {
            text += "\(name): \(value)\r\n"
        }
        text += "Content-Length: \(body.count)\r\n"
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        return Data(text.utf8)
    }

    /// RFC 9110 §15 reason phrases; clients must ignore them, but people reading traces do not.
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`; strftime in the C locale.
    static func imfFixdate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 40)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
