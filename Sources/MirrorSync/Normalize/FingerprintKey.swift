import Foundation
import MirrorCore

/// The key of the fingerprints that stand in for secret values. It lives in a file of its own (mode
/// 0600, created on first use), not in the database, so a reader of the database cannot test guesses
/// of a secret against its fingerprint. Losing it changes every fingerprint once (one revision per
/// assistant that holds a secret), and nothing else.
public struct FingerprintKey: Sendable {
    let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static func loadOrCreate(path: String) throws -> FingerprintKey {
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count >= 32 else { throw FingerprintKeyError.tooShort(path: path, bytes: data.count) }
            return FingerprintKey(bytes: Array(data))
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // O_EXCL: two processes starting together must not each write a different key.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return try loadOrCreate(path: path) }
            throw FingerprintKeyError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw FingerprintKeyError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        return FingerprintKey(bytes: bytes)
    }

    /// `[redacted:hmac-sha256:<16 hex>]`: equal secrets give equal fingerprints, so a rotation shows
    /// as a change, and the value cannot be recovered from it.
    public func fingerprint(_ secret: String) -> String {
        "[redacted:hmac-sha256:" + HMACSHA256.authenticate(Array(secret.utf8), key: bytes).hexString.prefix(16) + "]"
    }
}

public enum FingerprintKeyError: Error, CustomStringConvertible {
    case tooShort(path: String, bytes: Int)
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .tooShort(let path, let bytes):
            "fingerprint key \(path) holds \(bytes) bytes; it needs at least 32 (delete it to have a new one made)"
        case .cannotCreate(let path, let reason): "cannot create fingerprint key \(path): \(reason)"
        }
    }
}
