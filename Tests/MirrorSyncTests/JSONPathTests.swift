import MirrorCore
import MirrorProviders
import MirrorStore
import MirrorSync
import Testing

@Suite struct JSONPathTests {
    static let record: JSONValue = [
        "updated_at": "2026-01-01T00:00:00Z",
        "actions": [
            ["updated_at": "2026-03-01T00:00:00Z"], ["updated_at": "2026-02-01T00:00:00Z"], ["name": "no time"],
        ],
        "integrations": [],
    ]

    @Test func patternsWalkOnlyTheNamedBranches() {
        #expect(JSONPath.values(matching: "updated_at", in: Self.record) == ["2026-01-01T00:00:00Z"])
        #expect(
            JSONPath.values(matching: "actions[*].updated_at", in: Self.record) == [
                "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z",
            ]
        )
        #expect(JSONPath.values(matching: "integrations[*].updated_at", in: Self.record).isEmpty)
        #expect(JSONPath.values(matching: "missing[*].x", in: Self.record).isEmpty)
    }

    /// Invent's nested actions move without the parent: the newest time of all is the provider's time.
    @Test func inventProviderTimeIsTheNewestOfParentAndNested() throws {
        var account = AccountConfiguration(name: "a", provider: .invent, secret: .environment(name: "X"))
        account.org = "c"
        let normalizer = Normalizer(
            account: account,
            fingerprintKey: FingerprintKey(bytes: Array(repeating: 1, count: 32))
        )
        var members = try #require(Self.record.objectValue)
        members["id"] = "ast_1"
        let observation = try normalizer.normalize(.init(remoteID: "ast_1", raw: .object(members)))
        #expect(observation.providerUpdatedAt == "2026-03-01T00:00:00.000Z")
    }
}
