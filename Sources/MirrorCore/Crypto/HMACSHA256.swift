/// HMAC over SHA-256 (RFC 2104 §2, with the SHA-256 parameters of RFC 4231 §2: B = 64, L = 32).
public enum HMACSHA256 {
    private static let blockByteCount = 64
    private static let innerPad: UInt8 = 0x36
    private static let outerPad: UInt8 = 0x5c

    /// The 32-byte authentication code of `message` under `key`. A key longer than the block is hashed first
    /// and a shorter one is zero-padded, as RFC 2104 §2 prescribes.
    public static func authenticate(_ message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        var blockKey = Array(key)
        if blockKey.count > blockByteCount { blockKey = SHA256.hash(blockKey) }
        blockKey.append(contentsOf: repeatElement(0, count: blockByteCount - blockKey.count))

        var inner = SHA256()
        inner.update(blockKey.map { $0 ^ innerPad })
        inner.update(message)
        let innerDigest = inner.finalize()

        var outer = SHA256()
        outer.update(blockKey.map { $0 ^ outerPad })
        outer.update(innerDigest)
        return outer.finalize()
    }
}
