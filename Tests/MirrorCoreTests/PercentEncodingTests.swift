import Foundation
import MirrorCore
import Testing

@Suite struct PercentEncodingTests {
    @Test func unreservedCharactersStayAndEverythingElseIsEncodedByte() {
        #expect(PercentEncoding.component("") == "")
        #expect(PercentEncoding.component("asst_AZaz09-._~") == "asst_AZaz09-._~")
        #expect(PercentEncoding.component("page[number]") == "page%5Bnumber%5D")
        #expect(PercentEncoding.component("a b/c?d#e&f=g%h+i") == "a%20b%2Fc%3Fd%23e%26f%3Dg%25h%2Bi")
        #expect(PercentEncoding.component("é٣😊") == "%C3%A9%D9%A3%F0%9F%98%8A")
        #expect(PercentEncoding.component("\u{0}\u{7F}") == "%00%7F")
    }

    /// Foundation with the ASCII unreserved set is the oracle; only the cost differs.
    @Test func agreesWithFoundationOnSeededRandomText() {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        )
        let alphabet = Array("aZ09-._~ /?#[]@!$&'()*+,;=%\"<>\\^`{|}\u{7F}é٣😊\u{301}")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(state % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(PercentEncoding.component(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
        }
    }
}
