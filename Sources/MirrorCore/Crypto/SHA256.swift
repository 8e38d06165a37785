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

    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

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
        var padding: [UInt8] = [0x80]
        // Zero bytes until the length is 56 mod 64, leaving room for the 64-bit length.
        let lengthAfterMarker = (pending.count + 1) % Self.blockByteCount
        let zeroCount = (Self.blockByteCount + 56 - lengthAfterMarker) % Self.blockByteCount
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: messageBitCount >> UInt64(shift)))
        }
        padding.withUnsafeBufferPointer { absorb($0) }

        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestByteCount)
        for word in state {
            digest.append(contentsOf: [
                UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
            ])
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
        roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
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
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
