/// A fast 64-bit digest of exact bytes, for recognising a provider item that came back byte for byte
/// as before without normalizing it again. Not cryptographic: it only spares work, and any byte that
/// differs sends the item down the full comparison path. The mixing step is wyhash's 64×64→128-bit
/// multiply folded to 64 bits (https://github.com/wangyi-fudan/wyhash), 16 bytes per step.
public enum RawDigest {
    static let primes: (UInt64, UInt64, UInt64) = (0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db, 0x8ebc_6af0_9c88_c6e3)

    public static func digest(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var state = seed ^ primes.0
        var offset = 0
        while offset + 16 <= bytes.count {
            let first = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let second = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            state = mix(first ^ primes.1, second ^ state)
            offset += 16
        }
        // The last 0–15 bytes, zero-padded; the length below keeps "ab" and "ab\0" apart.
        var tail: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &tail) { padded in
            padded.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
        state = mix(tail.0 ^ primes.1, tail.1 ^ state)
        return mix(state ^ primes.2, UInt64(bytes.count) ^ primes.1)
    }

    public static func digest(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0) -> UInt64 {
        Array(bytes).withUnsafeBytes { digest($0, seed: seed) }
    }

    static func mix(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }
}
