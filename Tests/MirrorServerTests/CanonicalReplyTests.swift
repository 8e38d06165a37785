import MirrorCore
import MirrorProtocol
import Testing

/// Reply lines written straight from result objects are the canonical JSON that the dictionary form
/// gives (`JSONValue.canonicalBytes`, the encoder content hashes rely on), byte for byte.
@Suite struct CanonicalReplyTests {
    /// An object whose keys the test chooses, to reach the writer's reuse of a sorted order.
    struct Shape: JSONObjectCodable {
        let members: [(String, JSONValue)]

        func encode(into object: inout JSONObject) {
            for (key, value) in members { object[key] = value }
        }

        init(_ members: [(String, JSONValue)]) { self.members = members }
        init(from object: JSONObject) throws(JSONShapeError) { members = [] }
    }

    struct Rows: JSONObjectCodable {
        let rows: [Shape]
        let head: Shape

        func encode(into object: inout JSONObject) {
            object.nest("rows", rows)
            object.nest("head", head)
            object["count"] = .number(String(rows.count))
        }

        init(rows: [Shape], head: Shape) {
            self.rows = rows
            self.head = head
        }

        init(from object: JSONObject) throws(JSONShapeError) {
            rows = []
            head = Shape([])
        }
    }

    static func dictionaryForm(id: JSONValue, result: JSONValue) -> [UInt8] {
        JSONValue.object(["v": 1, "id": id, "ok": true, "result": result]).canonicalBytes + [0x0A]
    }

    @Test func aChangesPageIsWrittenAsItsDictionaryForm() {
        let facts = RevisionFacts(
            seq: 7,
            revision: 2,
            changeKind: "updated",
            observedAt: "2026-11-21T13:19:02.117Z",
            previousObservedAt: "2026-11-21T13:18:28.385Z",
            providerUpdatedAt: nil,
            changedBy: "ana@example.com",
            actorHint: "team \"blue\"\n",
            name: "Front désk ☎",
            changedBySource: "provider-audit-log",
            changeReason: nil,
            editorAmbiguous: true
        )
        let change = ChangeEntry(
            assistant: AssistantKey(account: "acme", provider: "puretalk", remoteID: "a-1"),
            assistantID: 3,
            facts: facts,
            changed: ChangedFields(paths: ["prompt", "voice.id"], promptChanged: true)
        )
        let page = ChangesPage(changes: [change, change, change], nextAfter: 7)
        #expect(QueryReply.success(id: "x", result: page) == Self.dictionaryForm(id: "x", result: page.json))
        #expect(
            QueryReply.event(id: 4, event: change)
                == JSONValue.object(["v": 1, "id": 4, "ok": true, "event": change.json]).canonicalBytes + [0x0A]
        )
    }

    /// Rows of one size but other keys, or the same keys set in another order, are sorted afresh.
    @Test func objectsOfOneSizeWithOtherKeysAreSortedAfresh() {
        let rows = [
            Shape([("b", 1), ("a", 2), ("c", 3)]),
            Shape([("b", 1), ("a", 2), ("c", 3)]),
            Shape([("z", 1), ("y", "é"), ("x", .null)]),
            Shape([("a", 1), ("c", 2), ("b", 3)]),
            Shape([("é", 1), ("e", 2), ("E", 3)]),
        ]
        let result = Rows(rows: rows, head: Shape([("k", 1), ("j", ["n": 1, "m": 2]), ("i", [3, "q\"uote"])]))
        #expect(QueryReply.success(id: .null, result: result) == Self.dictionaryForm(id: .null, result: result.json))
    }

    /// Row sets inside the rows of a row set, and keys that need escapes: each row set is written through
    /// an object of its own, refilled row after row, and each key's bytes are made once per shape.
    @Test func rowSetsInsideRowsAndEscapedKeys() {
        let inner = Rows(
            rows: [Shape([("q\"uote", 1), ("tab\t", "x")]), Shape([("q\"uote", 2), ("tab\t", .null)])],
            head: Shape([("\\", true)])
        )
        let outer = Rows(rows: [Shape([("z", 1)])], head: Shape([("a", ["b": 1])]))
        struct Nested: JSONObjectCodable {
            let parts: [Rows]
            func encode(into object: inout JSONObject) {
                object.nest("parts", parts)
                object["k\u{1}ey"] = .number(String(parts.count))
            }
            init(_ parts: [Rows]) { self.parts = parts }
            init(from object: JSONObject) throws(JSONShapeError) { parts = [] }
        }
        let page = Nested([inner, outer, inner])
        #expect(QueryReply.success(id: 9, result: page) == Self.dictionaryForm(id: 9, result: page.json))
        #expect(page.json["parts"]?.arrayValue?.count == 3)
    }

    @Test func aKeySetAgainKeepsItsPlaceAndNilRemovesIt() {
        var object = JSONObject()
        object["b"] = 1
        object["a"] = 2
        object["b"] = 3
        object["c"] = 4
        object["a"] = nil
        #expect(object.value == ["b": 3, "c": 4])
        #expect(object["b"] == 3 && !object.has("a"))
    }
}
