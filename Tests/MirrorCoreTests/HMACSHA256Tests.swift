import Testing

@testable import MirrorCore

@Suite("HMACSHA256")
struct HMACSHA256Tests {
    /// RFC 4231 §4.2–§4.7 (test case 5, truncated output, does not apply to a full-length MAC).
    @Test(
        "RFC 4231 test cases",
        arguments: [
            (
                1, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                2, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                3, [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                4, Array(UInt8(1)...UInt8(25)), [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                6, [UInt8](repeating: 0xaa, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
        ]
    )
    func rfc4231(testCase: Int, key: [UInt8], message: [UInt8], expectedHex: String) {
        #expect(HMACSHA256.authenticate(message, key: key).hexString == expectedHex, "test case \(testCase)")
    }

    @Test("a key of exactly one block is used as is, one byte more is hashed first")
    func keyLengthBoundary() {
        let message = Array("message".utf8)
        let blockKey = [UInt8](repeating: 0x42, count: 64)
        let longKey = blockKey + [0x42]
        #expect(HMACSHA256.authenticate(message, key: blockKey) != HMACSHA256.authenticate(message, key: longKey))
        // RFC 2104 §2: a key longer than B bytes is first replaced by its hash.
        #expect(
            HMACSHA256.authenticate(message, key: longKey)
                == HMACSHA256.authenticate(message, key: SHA256.hash(longKey))
        )
    }

    @Test("different keys or messages give different codes")
    func sensitivity() {
        let code = HMACSHA256.authenticate(Array("a".utf8), key: Array("k".utf8))
        #expect(code.count == 32)
        #expect(code != HMACSHA256.authenticate(Array("b".utf8), key: Array("k".utf8)))
        #expect(code != HMACSHA256.authenticate(Array("a".utf8), key: Array("K".utf8)))
    }
}
