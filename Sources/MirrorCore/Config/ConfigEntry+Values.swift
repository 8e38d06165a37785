import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The typed readings of a value. Each one either returns a value the rest of the program can trust or
/// throws an error that names the key and shows what a right value looks like.
extension ConfigEntry {
    /// A strictly positive duration in the notation of `DurationText`.
    func duration() throws(ConfigError) -> Duration {
        let hint = "use a number with a unit, e.g. 30s, 5m, 1h"
        guard let duration = DurationText.parse(value) else {
            throw error("\(shownValue) is not a duration; \(hint)")
        }
        guard duration > .zero else { throw error("\(shownValue) is not longer than zero; \(hint)") }
        return duration
    }

    /// A share within `range`, written `10%` or `0.1`; `excludingZero` makes the lower bound open.
    func share(in range: ClosedRange<Double>, excludingZero: Bool = false) throws(ConfigError) -> Double {
        let (lower, upper) = (ShareText.format(range.lowerBound), ShareText.format(range.upperBound))
        let span = excludingZero ? "more than \(lower) and at most \(upper)" : "\(lower) to \(upper)"
        let allowed = "use \(span), or a fraction such as 0.1"
        guard let share = ShareText.parse(value) else {
            throw error("\(shownValue) is not a share; \(allowed)")
        }
        guard range.contains(share), !(excludingZero && share == 0) else {
            throw error("\(shownValue) is out of range; \(allowed)")
        }
        return share
    }

    /// A size in the notation of `ByteSizeText`, no smaller than `minimum` bytes.
    func byteSize(atLeast minimum: Int) throws(ConfigError) -> Int {
        let hint = "use bytes or a binary unit, e.g. 256MiB, 512KiB, 1GiB (at least \(ByteSizeText.format(minimum)))"
        guard let size = ByteSizeText.parse(value) else { throw error("\(shownValue) is not a size; \(hint)") }
        guard size >= minimum else { throw error("\(shownValue) is too small; \(hint)") }
        return size
    }

    /// A whole decimal number within `range`.
    func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard
            value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let number = Int(value), range.contains(number)
        else {
            throw error("\(shownValue) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// One of the words of `Choice` (the raw values), in any letter case.
    func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws(ConfigError) -> Choice
    where Choice.RawValue == String {
        guard let choice = Choice(rawValue: value.lowercased()) else {
            let words = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("\(shownValue) is not one of \(words)")
        }
        return choice
    }

    /// A non-empty text that `accepts` approves; `expected` describes the rule in the error.
    /// A Unix group name: the POSIX portable filename characters (POSIX.1-2017 §3.282), not starting
    /// with '-', which is what groupadd(8) accepts by default.
    func groupName() throws(ConfigError) -> String {
        try text("a group name (letters, digits, '.', '_', '-')") { name in
            !name.hasPrefix("-") && name.utf8.allSatisfy(\.isPortableFilenameCharacter)
        }
    }

    func text(_ expected: String, where accepts: (String) -> Bool = { _ in true }) throws(ConfigError) -> String {
        guard !value.isEmpty, accepts(value) else {
            throw error(value.isEmpty ? "no value; expected \(expected)" : "\(shownValue) is not \(expected)")
        }
        return value
    }

    /// A file path; a relative one is taken from `directory` (the configuration file's), like the
    /// relative paths of nginx's `include` or systemd's drop-ins, so the file works wherever it lives.
    func path(relativeTo directory: String) throws(ConfigError) -> String {
        guard !value.isEmpty else { throw error("no value; expected a file path") }
        guard !value.hasPrefix("~") else {
            throw error("'~' is not expanded (a service has no home directory); write the absolute path")
        }
        return ConfigPath.resolve(value, against: directory)
    }

    /// The API root of an account: an absolute `https://` URL, or `http://` to a loopback host (the
    /// simulator, a test, an SSH tunnel), with no user-info, query or fragment, and no trailing slash so
    /// list paths can be appended. Neither the value nor its host is ever shown in the error.
    func baseURL() throws(ConfigError) -> URL {
        let expected = "write an absolute URL such as https://api.example.com/v1"
        guard
            !value.contains(where: { $0.isWhitespace }),
            let components = URLComponents(string: value),
            let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw error("the value is not an absolute URL; \(expected)") }
        guard components.user == nil, components.password == nil else {
            throw error(
                "the URL contains a user name or password; remove it "
                    + "(keys come from api-key-file, api-key-env or credential)"
            )
        }
        guard components.query == nil, components.fragment == nil else {
            throw error("the URL has a query or fragment; give only scheme, host, optional port and path")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard LoopbackHost.contains(host) else {
                throw error("http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost); use https://")
            }
        default:
            throw error("the scheme is neither https nor http; \(expected)")
        }
        var root = Substring(value)
        while root.hasSuffix("/") { root = root.dropLast() }
        guard let url = URL(string: String(root)) else { throw error("the value is not an absolute URL; \(expected)") }
        return url
    }
}

/// Hosts that never leave the machine, where plain http cannot be overheard: `localhost` (RFC 6761
/// §6.3), 127.0.0.0/8 (RFC 1122 §3.2.1.3) and ::1 (RFC 4291 §2.5.3).
enum LoopbackHost {
    static func contains(_ host: String) -> Bool {
        var bare = Substring(host)
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
        let name = bare.lowercased()
        if name == "localhost" || name == "localhost." { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        return false
    }
}
