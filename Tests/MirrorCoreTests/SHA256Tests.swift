import Foundation
import TestSupport
import Testing

@testable import MirrorCore

@Suite("SHA256")
struct SHA256Tests {
    /// The Swift rounds always; the CPU's SHA extensions too where this machine has them.
    static let engines: [SHA256.Engine] =
        SHA256.Engine.fastest == .cpuExtensions ? [.portable, .cpuExtensions] : [.portable]

    // FIPS 180-2 Appendix B / NIST CAVS example vectors.
    @Test(
        "known-answer vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ]
    )
    func knownAnswer(message: String, expectedHex: String) {
        #expect(SHA256.hash(message).hexString == expectedHex)
        for engine in Self.engines {
            #expect(SHA256.hash(Array(message.utf8), engine: engine).hexString == expectedHex, "\(engine)")
        }
    }

    @Test("one million 'a' (FIPS 180-2 B.3)")
    func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        for engine in Self.engines {
            let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), engine: engine)
            #expect(digest.hexString == expected, "\(engine)")
        }
        #expect(SHA256.hash(String(repeating: "a", count: 1_000_000)).hexString == expected)
    }

    /// Lengths on either side of the padding boundaries (55/56 bytes fit the length in one block, 56 does
    /// not) and of the block size. Expected digests were computed with Python's hashlib.
    @Test(
        "padding boundaries",
        arguments: [
            (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
            (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
            (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
            (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
            (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
            (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
            (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
            (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        ]
    )
    func paddingBoundaries(length: Int, expectedHex: String) {
        for engine in Self.engines {
            #expect(SHA256.hash(Self.pattern(length), engine: engine).hexString == expectedHex, "\(engine)")
        }
    }

    @Test(
        "the CPU's SHA extensions and the Swift rounds agree on every length up to 33 blocks, random bytes",
        .enabled(if: SHA256.Engine.fastest == .cpuExtensions, "this CPU has no SHA extensions")
    )
    func enginesAgree() {
        var generator = SplitMix64(seed: 0x5A25_6E11)
        for length in 0...2_112 {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let portable = SHA256.hash(message, engine: .portable)
            #expect(SHA256.hash(message, engine: .cpuExtensions) == portable, "length \(length)")
        }
    }

    @Test("incremental updates split at every boundary equal the one-shot digest")
    func incrementalSplits() {
        let message = Self.pattern(200)
        let oneShot = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == oneShot, "split at \(split)")
        }
    }

    @Test("many small updates of varying sizes equal the one-shot digest")
    func manySmallUpdates() {
        let message = Self.pattern(1000)
        var hasher = SHA256()
        var offset = 0
        var size = 1
        while offset < message.count {
            let end = min(offset + size, message.count)
            hasher.update(message[offset..<end])
            offset = end
            size = size % 70 + 1
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test("contiguous and non-contiguous inputs hash alike")
    func inputKinds() {
        let text = "prompt: Ünïcødé 你好 🎉\n" + String(repeating: "x", count: 10_000)
        let expected = SHA256.hash(Array(text.utf8))
        #expect(SHA256.hash(text) == expected)
        #expect(SHA256.hash(text.utf8) == expected)
        #expect(SHA256.hash(Data(text.utf8)) == expected)
        #expect(SHA256.hash(text.utf8.lazy.map { $0 }) == expected)
        #expect(SHA256.hash(AnySequence(text.utf8)) == expected)
        var hasher = SHA256()
        hasher.update("prompt: ")
        hasher.update(Array(text.utf8.dropFirst(8)))
        #expect(hasher.finalize() == expected)
    }

    @Test("finalize resets the hasher for the next message")
    func finalizeResets() {
        var hasher = SHA256()
        hasher.update("first message")
        _ = hasher.finalize()
        hasher.update("abc")
        #expect(hasher.finalize().hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalize() == SHA256.hash(""))
    }

    @Test("a 200 KB prompt hashes in one pass and matches byte-wise hashing")
    func largePrompt() {
        let prompt = String(repeating: "You are a helpful assistant. ", count: 7_000)
        #expect(prompt.utf8.count > 200_000)
        #expect(SHA256.hash(prompt) == SHA256.hash(AnySequence(prompt.utf8)))
        #expect(SHA256.hash(prompt).count == SHA256.digestByteCount)
    }

    @Test("hexString is lowercase, two digits per byte")
    func hexString() {
        #expect([UInt8]().hexString == "")
        #expect([0x00, 0x0f, 0xa0, 0xff].hexString == "000fa0ff")
        #expect(Data([0xDE, 0xAD, 0xBE, 0xEF]).hexString == "deadbeef")
    }

    private static func pattern(_ length: Int) -> [UInt8] {
        (0..<length).map { UInt8($0 % 251) }
    }
}
