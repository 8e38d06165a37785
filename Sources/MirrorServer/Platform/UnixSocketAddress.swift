import Glibc

/// A Unix socket address and the exact length to pass with it to bind(2), connect(2) and sendto(2).
///
/// unix(7): a filesystem name is NUL-terminated inside the 108-byte `sun_path`; an abstract name (Linux
/// only, written `@name` by systemd and `ss`) starts with a NUL byte and consists of exactly the bytes
/// that `addrlen` covers, so its length must be `offsetof(sun_path) + 1 + name length`. Passing
/// `sizeof(sockaddr_un)` for an abstract name silently addresses a different, NUL-padded name.
struct UnixSocketAddress: Sendable, Equatable, CustomStringConvertible {
    /// Bytes available in `sun_path` (108 on Linux).
    static let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
    private static let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!

    /// The address as systemd writes it: a path, or `@name` for an abstract name.
    let description: String
    /// The `sun_path` bytes the address length covers: the path without its NUL terminator, or a NUL
    /// followed by the abstract name.
    private let nameBytes: [UInt8]

    /// A filesystem socket at `path`. The path and its terminating NUL must fit in `sun_path`.
    init(path: String) throws(UnixSocketError) {
        let bytes = Array(path.utf8)
        try Self.validate(bytes, address: path)
        description = path
        nameBytes = bytes
    }

    /// An abstract socket (Linux): `name` without the `@`. The leading NUL takes one byte of `sun_path`.
    init(abstractName name: String) throws(UnixSocketError) {
        let bytes = Array(name.utf8)
        try Self.validate(bytes, address: "@" + name)
        description = "@" + name
        nameBytes = [0] + bytes
    }

    /// The notation of `$NOTIFY_SOCKET` (sd_notify(3)) and `ListenStream=`: `@name` is abstract,
    /// anything else a path.
    init(parsing text: String) throws(UnixSocketError) {
        if text.hasPrefix("@") {
            try self.init(abstractName: String(text.dropFirst()))
        } else {
            try self.init(path: text)
        }
    }

    /// The address getsockname(2) returned; nil for an unnamed socket.
    init?(storage: sockaddr_un, length: socklen_t) {
        let coveredLength = min(Int(length) - Self.pathOffset, Self.capacity)
        guard coveredLength > 0 else { return nil }
        let covered = withUnsafeBytes(of: storage.sun_path) { Array($0.prefix(coveredLength)) }
        if covered[0] == 0 {
            nameBytes = covered
            description = "@" + String(decoding: covered.dropFirst(), as: UTF8.self)
        } else {
            nameBytes = Array(covered.prefix { $0 != 0 })
            description = String(decoding: nameBytes, as: UTF8.self)
        }
    }

    /// Both kinds leave one byte of `sun_path` for a NUL: the terminator of a path, the lead of a name.
    private static func validate(_ bytes: [UInt8], address: String) throws(UnixSocketError) {
        if bytes.isEmpty {
            throw .invalidAddress(address: address, reason: "it is empty")
        }
        if bytes.contains(0) {
            throw .invalidAddress(address: address, reason: "it contains a NUL byte")
        }
        if bytes.count > capacity - 1 {
            throw .addressTooLong(address: address, byteCount: bytes.count, limit: capacity - 1)
        }
    }

    var isAbstract: Bool { nameBytes.first == 0 }

    /// The length passed to the kernel: a path counts its NUL terminator, an abstract name does not.
    var byteLength: socklen_t {
        socklen_t(Self.pathOffset + nameBytes.count + (isAbstract ? 0 : 1))
    }

    func withSocketAddress<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: nameBytes) }
        let length = byteLength
        return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(SystemError) in
                try body(socketAddress, length)
            }
        }
    }
}
