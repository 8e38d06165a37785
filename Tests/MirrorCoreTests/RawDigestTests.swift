import MirrorCore
import Testing

/// The digests `JSONParser` gives the items of a page are those of each item's exact bytes.
@Suite struct RawDigestTests {
    static func digest(_ text: String) -> UInt64 { RawDigest.digest(Array(text.utf8)) }

    @Test func eachItemOfTheArrayAtThePathIsDigestedAsSent() throws {
        let first = #"{"id":"a","prompt":"Hi\n","tags":[1,2]}"#
        let second = #"{ "id" : "b" }"#
        let page = #"{"meta":{"data":[9]},"data":[ "# + first + " ,\n" + second + #"],"total":2}"#
        let (value, digests) = try JSONParser.parse(Array(page.utf8), digestingItemsAt: ["data"])
        #expect(value == (try JSONParser.parse(page)))
        #expect(digests == [Self.digest(first), Self.digest(second)])
    }

    /// A known item is left out of the array and listed by its digest; an unknown one is decoded as
    /// before, escapes and nesting included, and the digests are those of the exact bytes either way.
    @Test func aKnownItemIsSkippedUndecodedAndAnUnknownOneDecoded() throws {
        let known = #"{"id":"a","prompt":"say \"}\" {[","tags":[{"x":"]"}]}"#
        let unknown = #"{"id":"b","prompt":"Hi\n"}"#
        let page = #"{"data":["# + known + ",\n " + unknown + "," + known + #"],"total":3}"#
        let (value, digests, skipped) = try JSONParser.parse(
            Array(page.utf8),
            digestingItemsAt: ["data"],
            skippingItems: { $0 == Self.digest(known) }
        )
        #expect(skipped == [Self.digest(known), Self.digest(known)])
        #expect(digests == [Self.digest(unknown)])
        #expect(value == ["data": [try JSONParser.parse(unknown)], "total": 3])
        // Nothing is skipped off the item path, and an unknown item that is not JSON is still refused.
        let nested = #"{"meta":["# + known + #"],"data":[]}"#
        let (_, _, none) = try JSONParser.parse(Array(nested.utf8), digestingItemsAt: ["data"]) { _ in true }
        #expect(none.isEmpty)
        #expect(throws: JSONParseError.self) {
            try JSONParser.parse(Array(#"{"data":[{"id":01}]}"#.utf8), digestingItemsAt: ["data"]) { _ in false }
        }
    }

    @Test func aDocumentThatIsTheArrayIsDigestedWithAnEmptyPath() throws {
        let (_, digests) = try JSONParser.parse(Array(#"[{"id":"a"},{"id":"b"}]"#.utf8), digestingItemsAt: [])
        #expect(digests == [Self.digest(#"{"id":"a"}"#), Self.digest(#"{"id":"b"}"#)])
    }

    @Test func aRepeatedKeyKeepsTheLastArraysDigestsLikeItsValue() throws {
        let (_, repeated) = try JSONParser.parse(Array(#"{"data":[1,2],"data":[3]}"#.utf8), digestingItemsAt: ["data"])
        #expect(repeated == [Self.digest("3")])
        let (_, replaced) = try JSONParser.parse(Array(#"{"data":[1,2],"data":{}}"#.utf8), digestingItemsAt: ["data"])
        #expect(replaced.isEmpty)
    }

    @Test func everyByteCountsIncludingPaddingAndLength() {
        let base = Array(#"{"id":"a","prompt":"0123456789abcdefghij"}"#.utf8)
        var seen: Set<UInt64> = [RawDigest.digest(base)]
        for index in base.indices {
            var flipped = base
            flipped[index] ^= 0x01
            seen.insert(RawDigest.digest(flipped))
        }
        seen.insert(RawDigest.digest(base + [0]))
        seen.insert(RawDigest.digest(base.dropLast()))
        #expect(seen.count == base.count + 3)
        #expect(RawDigest.digest(base, seed: 1) != RawDigest.digest(base))
    }
}
