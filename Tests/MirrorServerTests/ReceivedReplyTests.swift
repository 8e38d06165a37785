import MirrorCore
import MirrorProtocol
import Testing

/// The client's reading of the reply envelope against the lines the server writes with `QueryReply`.
@Suite struct ReceivedReplyTests {
    @Test func readsWhatTheServerWrites() throws {
        let result: JSONValue = ["revisions": 3, "chain_head": .null]
        #expect(try ReceivedReply(QueryReply.success(id: 1, result: result)) == .result(result))
        let event: JSONValue = ["seq": 4, "change_kind": "updated"]
        #expect(try ReceivedReply(QueryReply.event(id: 1, event: event)) == .event(event))
        let failure = QueryFailure(id: 1, code: .notFound, message: "no assistant x")
        #expect(
            try ReceivedReply(QueryReply.failure(failure)) == .failure(code: "not_found", message: "no assistant x")
        )
    }

    @Test func keepsACodeThisClientDoesNotNameAndFillsAMissingError() throws {
        let newer = #"{"v":1,"id":1,"ok":false,"error":{"code":"quota_exceeded","message":"later"}}"#
        #expect(try ReceivedReply(Array(newer.utf8)) == .failure(code: "quota_exceeded", message: "later"))
        #expect(
            try ReceivedReply(Array(#"{"v":1,"ok":false}"#.utf8))
                == .failure(code: "error", message: "the daemon refused the request")
        )
    }

    @Test func refusesALineThatIsNotAReplyAndSaysWhy() {
        #expect(throws: JSONShapeError.self) { try ReceivedReply(Array("{not json".utf8)) }
        do {
            _ = try ReceivedReply(Array("[1]".utf8))
            Issue.record("an array was read as a reply")
        } catch {
            #expect(error.description == "a reply should be a JSON object, found an array")
        }
    }
}
