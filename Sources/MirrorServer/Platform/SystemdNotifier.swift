import Glibc

/// Tells systemd about the service's state with the sd_notify(3) protocol, without libsystemd.
///
/// The protocol is one datagram of newline-separated `VAR=value` lines sent to the `AF_UNIX` socket
/// named in `$NOTIFY_SOCKET` (a path, or `@name` for an abstract socket); sd_notify(3) documents it as
/// stable and reimplementable. When the variable is unset the service is not under systemd (or has no
/// `Type=notify`) and every call is a silent no-op. Send failures are reported by the return value only:
/// a service must keep running when its supervisor cannot be told something.
public struct SystemdNotifier: Sendable {
    private let address: UnixSocketAddress?

    public init(environment: [String: String]) {
        address = environment["NOTIFY_SOCKET"].flatMap { text in
            // sd_notify(3) also knows "vsock:"; only the two AF_UNIX forms are used by a system service.
            guard text.hasPrefix("/") || text.hasPrefix("@") else { return nil }
            return try? UnixSocketAddress(parsing: text)
        }
    }

    /// Whether `$NOTIFY_SOCKET` names a socket that notifications will be sent to.
    public var isEnabled: Bool { address != nil }

    /// Sends `fields`, in order, as one datagram. True if the datagram was sent; false when notification
    /// is disabled, a name is not a plain variable name, or the send failed. A newline inside a value
    /// would start a new field, so values are forced onto one line (newlines become spaces).
    @discardableResult
    public func notify(_ fields: [(name: String, value: String)]) -> Bool {
        guard let address, !fields.isEmpty, fields.allSatisfy({ Self.isVariableName($0.name) }) else { return false }
        let message = fields.map { "\($0.name)=\(Self.singleLine($0.value))" }.joined(separator: "\n")
        do {
            let descriptor = try Posix.socket(type: Posix.datagramType | Posix.closeOnExec)
            defer { Posix.close(descriptor) }
            let bytes = Array(message.utf8)
            let sent = try bytes.withUnsafeBytes { buffer throws(SystemError) in
                try Posix.send(descriptor, buffer, to: address)
            }
            return sent == bytes.count
        } catch {
            return false
        }
    }

    /// `READY=1`: start-up (or a reload) is complete; follow-up units may start.
    @discardableResult
    public func ready() -> Bool {
        notify([("READY", "1")])
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=`, which `Type=notify-reload` requires (systemd.service(5));
    /// send `ready()` when the reload is done.
    @discardableResult
    public func reloading(monotonicMicroseconds: UInt64 = SystemdNotifier.monotonicMicroseconds()) -> Bool {
        notify([("RELOADING", "1"), ("MONOTONIC_USEC", String(monotonicMicroseconds))])
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping() -> Bool {
        notify([("STOPPING", "1")])
    }

    /// `STATUS=`: one line shown by `systemctl status`.
    @discardableResult
    public func status(_ line: String) -> Bool {
        notify([("STATUS", line)])
    }

    /// `WATCHDOG=1`: the keep-alive ping for `WatchdogSec=`; see `WatchdogSettings`.
    @discardableResult
    public func watchdog() -> Bool {
        notify([("WATCHDOG", "1")])
    }

    /// CLOCK_MONOTONIC in microseconds, the clock `MONOTONIC_USEC=` is read against (sd_notify(3)).
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    /// Upper-case letters, digits and underscores, as systemd's environment-style assignments use.
    private static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_")
            }
    }

    private static func singleLine(_ value: String) -> String {
        String(value.map { $0.isNewline ? " " : $0 })
    }
}
