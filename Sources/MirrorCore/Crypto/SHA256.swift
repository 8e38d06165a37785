import CSHA256

/// SHA-256 as specified by FIPS 180-4 §6.2, written here because CryptoKit is not on Linux and the
/// package takes no dependencies. It hashes content for change detection and chains history rows, so it
/// must be exact (the tests hold it to the FIPS and NIST vectors) and cheap on large prompts: `update`
/// compresses 64-byte blocks straight out of contiguous storage without copying them.
///
/// The compression runs on the CPU's SHA extensions when it has them (`CSHA256`, about ten times the
/// Swift rounds' 150–250 MB/s, which a profile of a first mirror had as its hottest function), else on
/// the Swift rounds below. Tests hold both to the vectors and to each other.
public struct SHA256: Sendable {
    /// Which compression function runs the rounds.
    enum Engine: Sendable {
        case cpuExtensions
        case portable

        /// The CPU's SHA extensions when present, asked once per process.
        static let fastest: Engine = mirror_sha256_has_extensions() == 1 ? .cpuExtensions : .portable
    }

    /// The digest length in bytes (FIPS 180-4 §1: a 256-bit message digest).
    public static let digestByteCount = 32

    /// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    private static let blockByteCount = 64

    private var state = initialState
    /// Bytes of an incomplete block, carried to the next `update` or to `finalize` (always < 64).
    private var pending: [UInt8] = []
    private var messageByteCount: UInt64 = 0
    private let engine: Engine

    public init() {
        self.init(engine: .fastest)
    }

    init(engine: Engine) {
        self.engine = engine
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// Adds bytes to the message. `[UInt8]`, `Data`, array slices and native strings' UTF-8 views are read
    /// in place; other sequences are gathered into a buffer first.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let absorbedInPlace: Void? = bytes.withContiguousStorageIfAvailable { buffer in absorb(buffer) }
        guard absorbedInPlace == nil else { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(4096)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 4096 {
                chunk.withUnsafeBufferPointer { absorb($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.withUnsafeBufferPointer { absorb($0) }
    }

    /// Adds the UTF-8 encoding of `text` to the message.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { absorb($0) }
    }

    /// Pads the message (FIPS 180-4 §5.1.1), returns the 32-byte digest, and resets the hasher to a fresh
    /// state, so the same value can hash another message.
    public mutating func finalize() -> [UInt8] {
        let messageBitCount = messageByteCount &* 8
        // 0x80, zero bytes until the length is 56 mod 64, then the 64-bit length: at most 72 bytes, so
        // the padding lives on the stack (this runs twice per stored revision).
        let lengthAfterMarker = (pending.count + 1) % Self.blockByteCount
        let zeroCount = (Self.blockByteCount + 56 - lengthAfterMarker) % Self.blockByteCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + zeroCount + 8) { padding in
            padding.initialize(repeating: 0)
            padding[0] = 0x80
            for index in 0..<8 {
                padding[1 + zeroCount + index] = UInt8(truncatingIfNeeded: messageBitCount >> UInt64(56 - 8 * index))
            }
            absorb(UnsafeBufferPointer(padding))
        }
        let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { bytes, count in
            for (index, word) in state.enumerated() {
                bytes[4 * index] = UInt8(truncatingIfNeeded: word >> 24)
                bytes[4 * index + 1] = UInt8(truncatingIfNeeded: word >> 16)
                bytes[4 * index + 2] = UInt8(truncatingIfNeeded: word >> 8)
                bytes[4 * index + 3] = UInt8(truncatingIfNeeded: word)
            }
            count = Self.digestByteCount
        }
        self = SHA256(engine: engine)
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        hash(bytes, engine: .fastest)
    }

    static func hash(_ bytes: some Sequence<UInt8>, engine: Engine) -> [UInt8] {
        var hasher = SHA256(engine: engine)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 encoding of `text` in one call.
    public static func hash(_ text: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    private mutating func absorb(_ buffer: UnsafeBufferPointer<UInt8>) {
        messageByteCount &+= UInt64(buffer.count)
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, buffer.count)
            pending.append(contentsOf: UnsafeBufferPointer(start: base, count: taken))
            offset = taken
            guard pending.count == Self.blockByteCount else { return }
            pending.withUnsafeBufferPointer { block in compress(block.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (buffer.count - offset) / Self.blockByteCount
        if blocks > 0 {
            compress(base + offset, blocks: blocks)
            offset += blocks * Self.blockByteCount
        }
        pending.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: buffer.count - offset))
    }

    private mutating func compress(_ start: UnsafePointer<UInt8>, blocks: Int) {
        switch engine {
        case .cpuExtensions:
            state.withUnsafeMutableBufferPointer { mirror_sha256_compress_extensions($0.baseAddress!, start, blocks) }
        case .portable:
            Self.compress(start, blocks: blocks, into: &state)
        }
    }

    /// FIPS 180-4 §6.2.2: the compression function over `blocks` consecutive 64-byte blocks. The state
    /// and constants live in locals and raw buffers for the whole run, so the 64 rounds compile to
    /// plain register arithmetic (no array bounds or uniqueness checks inside the loop).
    private static func compress(_ start: UnsafePointer<UInt8>, blocks: Int, into state: inout [UInt32]) {
        // FIPS 180-4 §4.2.2: K0…K63, one table for both engines (CSHA256).
        let k = mirror_sha256_round_constants()!
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { scheduleBuffer in
            let w = scheduleBuffer.baseAddress!
            var h0 = state[0]
            var h1 = state[1]
            var h2 = state[2]
            var h3 = state[3]
            var h4 = state[4]
            var h5 = state[5]
            var h6 = state[6]
            var h7 = state[7]
            var block = start
            for _ in 0..<blocks {
                for index in 0..<16 {
                    let p = block + index &* 4
                    w[index] = UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
                }
                for index in 16..<64 {
                    let w15 = w[index &- 15]
                    let w2 = w[index &- 2]
                    let sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >> 3)
                    let sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >> 10)
                    w[index] = w[index &- 16] &+ sigma0 &+ w[index &- 7] &+ sigma1
                }
                var a = h0
                var b = h1
                var c = h2
                var d = h3
                var e = h4
                var f = h5
                var g = h6
                var h = h7
                // Eight rounds per pass with the roles of the eight words rotated in the arguments,
                // instead of shifting every word down after each round (FIPS 180-4 §6.2.2 step 3).
                var index = 0
                while index < 64 {
                    round(a, b, c, &d, e, f, g, &h, k[index] &+ w[index])
                    round(h, a, b, &c, d, e, f, &g, k[index &+ 1] &+ w[index &+ 1])
                    round(g, h, a, &b, c, d, e, &f, k[index &+ 2] &+ w[index &+ 2])
                    round(f, g, h, &a, b, c, d, &e, k[index &+ 3] &+ w[index &+ 3])
                    round(e, f, g, &h, a, b, c, &d, k[index &+ 4] &+ w[index &+ 4])
                    round(d, e, f, &g, h, a, b, &c, k[index &+ 5] &+ w[index &+ 5])
                    round(c, d, e, &f, g, h, a, &b, k[index &+ 6] &+ w[index &+ 6])
                    round(b, c, d, &e, f, g, h, &a, k[index &+ 7] &+ w[index &+ 7])
                    index &+= 8
                }
                h0 &+= a
                h1 &+= b
                h2 &+= c
                h3 &+= d
                h4 &+= e
                h5 &+= f
                h6 &+= g
                h7 &+= h
                block += blockByteCount
            }
            state[0] = h0
            state[1] = h1
            state[2] = h2
            state[3] = h3
            state[4] = h4
            state[5] = h5
            state[6] = h6
            state[7] = h7
        }
    }

    /// One round: T1 = h + Σ1(e) + Ch(e,f,g) + K + W, T2 = Σ0(a) + Maj(a,b,c); then d += T1 and
    /// h = T1 + T2 take the places of the new e and a.
    @inline(__always)
    private static func round(
        _ a: UInt32,
        _ b: UInt32,
        _ c: UInt32,
        _ d: inout UInt32,
        _ e: UInt32,
        _ f: UInt32,
        _ g: UInt32,
        _ h: inout UInt32,
        _ constantPlusWord: UInt32
    ) {
        let temporary1 =
            h &+ (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) &+ ((e & f) ^ (~e & g))
            &+ constantPlusWord
        let temporary2 = (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d &+= temporary1
        h = temporary1 &+ temporary2
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value >> count | value << (32 &- count)
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each: how digests are stored and shown.
    public var hexString: String {
        let written = withContiguousStorageIfAvailable { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { text in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = Self.hexDigit(byte >> 4)
                    text[2 * index + 1] = Self.hexDigit(byte & 0x0F)
                }
                return bytes.count * 2
            }
        }
        if let written { return written }
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(Self.hexDigit(byte >> 4))
            text.append(Self.hexDigit(byte & 0x0F))
        }
        return String(decoding: text, as: UTF8.self)
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}
