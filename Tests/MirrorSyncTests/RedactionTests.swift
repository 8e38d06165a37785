import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import TestSupport
import Testing

@testable import MirrorSync

/// Invariant 4: secrets never land in the database; a rotation still shows as a change.
@Suite struct RedactionTests {
    /// Every secret the simulator puts in its records: values under secret-named keys, header values,
    /// and the user-info of URLs.
    static func secrets(in value: Any, underSecret: Bool = false) -> [String] {
        switch value {
        case let text as String:
            if underSecret { return text.isEmpty ? [] : [text] }
            if let url = URLComponents(string: text), let user = url.user {
                return [user] + (url.password.map { [$0] } ?? [])
            }
            return []
        case let array as [Any]:
            return array.flatMap { secrets(in: $0, underSecret: underSecret) }
        case let object as [String: Any]:
            return object.flatMap { key, member -> [String] in
                let folded = key.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(
                    of: "-",
                    with: ""
                )
                if folded == "headers" || folded == "customheaders" {
                    if let pairs = member as? [[String: Any]] { return pairs.compactMap { $0["value"] as? String } }
                    return secrets(in: member, underSecret: true)
                }
                let secretKey = ["secret", "secretkey", "password", "apitoken", "token", "apikey", "authorization"]
                    .contains(folded)
                return secrets(in: member, underSecret: underSecret || secretKey)
            }
        default:
            return []
        }
    }

    @Test(arguments: SimulatedProvider.builtIn)
    func noSecretValueReachesTheDatabaseFile(_ provider: SimulatedProvider) async throws {
        let fixture = try SyncFixture()
        _ = await fixture.crawl(fixture.account(provider, pageSize: 2))
        let planted = fixture.simulator.assistantIDs(provider).flatMap { id in
            Self.secrets(in: fixture.simulator.record(provider, id: id) ?? [:])
        }
        if provider != .puretalk { #expect(!planted.isEmpty, "the simulator should plant secrets for \(provider)") }
        let bytes = try fixture.databaseBytes()
        for secret in Set(planted) where secret.count >= 6 {
            #expect(!bytes.contains(secret), "secret of \(provider) found in the database")
        }
        #expect(!bytes.contains(fixture.simulator.apiKeys[provider]!))
        #expect(bytes.contains("[redacted:hmac-sha256:") || provider == .puretalk)
    }

    @Test func aRotatedSecretIsAChangeWithoutRevealingEitherValue() async throws {
        let fixture = try SyncFixture()
        let account = fixture.account(.invent)
        _ = await fixture.crawl(account)
        let id = try #require(fixture.simulator.assistantIDs(.invent).first)
        let old = try #require(fixture.simulator.record(.invent, id: id)?["secret_key"] as? String)
        #expect(
            fixture.simulator.setField(
                .invent,
                id: id,
                path: "secret_key",
                value: "sk_rotated_CANARY_9f8e7d",
                bumpUpdatedAt: true
            )
        )
        #expect(await fixture.crawl(account).progress.updated == 1)
        let change = try #require(
            try fixture.rows("SELECT * FROM field_changes WHERE remote_id = ? AND path = 'secret_key'", [id]).first
        )
        #expect(change["old_value"] != change["new_value"])
        #expect(change["new_value"]?.stringValue?.hasPrefix("[redacted:hmac-sha256:") == true)
        let bytes = try fixture.databaseBytes()
        #expect(!bytes.contains("sk_rotated_CANARY_9f8e7d") && !bytes.contains(old))
    }

    @Test func redactionRules() throws {
        let redactor = Redactor(key: FingerprintKey(bytes: Array(repeating: 7, count: 32)))
        let record: JSONValue = [
            "secret_key": "s3cr3t", "api_key_ref": "my_key_ref", "assistantMaxTokens": 256,
            "headers": ["X-Api-Key": "hdr-value"],
            "tools": [["webhook": ["headers": [["name": "Authorization", "value": "Bearer tok"]]]]],
            "url": "https://user:pass@llm.example.test/v1", "plain": "https://llm.example.test/v1",
        ]
        let redacted = redactor.redact(record).canonicalText
        for secret in ["s3cr3t", "hdr-value", "Bearer tok", "user:pass"] { #expect(!redacted.contains(secret)) }
        for kept in [
            "my_key_ref", "256", "Authorization", "X-Api-Key", "@llm.example.test/v1", "https://llm.example.test/v1",
        ] {
            #expect(redacted.contains(kept))
        }
        // Equal secrets fingerprint alike, different ones differently.
        #expect(redactor.redact(["token": "a"]) == redactor.redact(["token": "a"]))
        #expect(redactor.redact(["token": "a"]) != redactor.redact(["token": "b"]))
    }

    /// The faster scan must still find every URL user-info: in prose, as the second URL of a string,
    /// with a non-ASCII scheme or a combining mark after a delimiter, and at every depth of a record.
    @Test func urlUserInfoIsRedactedWhereverItAppears() throws {
        let redactor = Redactor(key: FingerprintKey(bytes: Array(repeating: 7, count: 32)))
        let texts = [
            "https://alice:hunter2@db.example.test/x",
            "Call https://alice:hunter2@db.example.test/x when the caller asks.",
            "first https://plain.example.test/ then ftp://alice:hunter2@files.example.test",
            "pg://alice:hunter2@db.example.test?sslmode=require",
            "ссылка://alice:hunter2@db.example.test",
            "https://alice:hunter2@db.example.test/\u{301}path",
            // The scan jumps from colon to colon: colons that start no URL come first, or none follow.
            "at 10:30: then x://alice:hunter2@db.example.test",
            "a://alice:hunter2@db.example.test",
            "::a://alice:hunter2@db.example.test:",
        ]
        for text in texts {
            var nested: JSONValue = .string(text)
            for depth in 0..<6 {
                let value =
                    depth.isMultiple(of: 2)
                    ? JSONValue.array([1, nested]) : JSONValue.object(["level\(depth)": nested])
                let redacted = redactor.redact(value).canonicalText
                #expect(!redacted.contains("hunter2"), "user-info kept at depth \(depth) in \(text)")
                #expect(redacted.contains("db.example.test") || redacted.contains("files.example.test"))
                nested = value
            }
        }
        let untouched: JSONValue = [
            "prompt": "Say hello at 10:30. See https://help.example.test/a@b and mail@example.test.", "n": 1,
        ]
        #expect(redactor.redact(untouched) == untouched)
    }

    /// Secret-named keys and header collections are found at every depth, whatever their spelling.
    @Test func secretKeysAreRedactedAtEveryDepth() throws {
        let redactor = Redactor(key: FingerprintKey(bytes: Array(repeating: 7, count: 32)))
        for key in ["secret_key", "API-Key", "accessToken", "Authorization", "to\u{212A}en", "client_secret"] {
            var nested: JSONValue = .object([key: ["inner": .string("CANARY-\(key)")]])
            for depth in 0..<6 {
                let redacted = redactor.redact(nested).canonicalText
                #expect(!redacted.contains("CANARY"), "\(key) kept at depth \(depth)")
                #expect(redacted.contains("[redacted:hmac-sha256:"))
                nested = depth.isMultiple(of: 2) ? ["tools": [nested]] : ["config": nested]
            }
        }
        let headers: JSONValue = ["a": [["b": ["custom_headers": [["name": "X-Key", "value": "CANARY-h"]]]]]]
        #expect(!redactor.redact(headers).canonicalText.contains("CANARY"))
    }

    /// A header pair's `value` is fingerprinted whole; its other members are redacted like any object's,
    /// so a URL with user-info in its `name` or a secret-named member beside it does not slip through
    /// (until normalizer version 2 they were stored as sent). The walk and the tree agree on it.
    @Test func aHeaderPairsOtherMembersAreRedactedLikeAnyObject() throws {
        let key = FingerprintKey(bytes: Array(repeating: 7, count: 32))
        let redactor = Redactor(key: key)
        for collection in ["headers", "custom_headers", "customHeaders"] {
            let record: JSONValue = [
                "id": "a1",
                "tools": [
                    [
                        collection: [
                            ["name": "https://alice:CANARY-url@hooks.example.test/x", "value": "CANARY-value"],
                            ["name": "X-Trace", "value": "v", "token": "CANARY-token", "note": "kept"],
                            ["name": "X-Nested", "value": "w", "extra": ["api_key": "CANARY-nested"]],
                        ]
                    ]
                ],
            ]
            let tree = redactor.redact(record).canonicalText
            for canary in ["CANARY-url", "CANARY-value", "CANARY-token", "CANARY-nested"] {
                #expect(!tree.contains(canary), "\(collection): \(canary) kept")
            }
            for kept in ["hooks.example.test/x", "X-Trace", "X-Nested", "\"note\":\"kept\""] {
                #expect(tree.contains(kept), "\(collection): \(kept) lost")
            }
        }
    }

    /// ASCII keys are classified on their bytes without building the folded key; that must decide
    /// exactly as folding does, for every spelling, length (over 64 bytes takes the folding path) and
    /// for keys with non-ASCII characters.
    @Test func keysAreClassifiedAlikeWithAndWithoutFolding() {
        var generator = SplitMix64(seed: 0x4B45_5953)
        let pieces = [
            "secret", "Secret", "SECRET", "_", "-", "key", "Key", "api", "API", "token", "Token", "pass", "word",
            "Password", "headers", "Custom", "auth", "orization", "x", "\u{212A}", "é", "credential", "s", "cookie",
            "private", "client", "signature", "passwd",
        ]
        var keys = [
            "", "headers", "Custom-Headers", "X_API_KEY", "to\u{212A}en", String(repeating: "a", count: 70) + "token",
        ]
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...5, using: &generator)
            keys.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for key in keys {
            #expect(Redactor.meaning(ofKey: key) == Redactor.meaning(folded: Redactor.fold(key)), "\(key)")
        }
        #expect(Redactor.meaning(ofKey: "my_API-Key") == .secret)
        #expect(Redactor.meaning(ofKey: "customHeaders") == .headers)
        #expect(Redactor.meaning(ofKey: "api_key_ref") == .plain)
    }
}
