import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import TestSupport
import Testing

@testable import MirrorSync

/// The one-pass snapshot writer against the tree path it replaces (`Normalizer.treeSnapshot`): the
/// same bytes, prompt mark and lifted values for every record, since stored content hashes and raw
/// digests depend on every byte, and never a secret more.
@Suite struct SnapshotWalkTests {
    static let key = FingerprintKey(bytes: Array(repeating: 7, count: 32))

    static func normalizer(_ description: ProviderDescription) -> Normalizer {
        let account = AccountConfiguration(
            name: "walk",
            provider: description.name,
            secret: .environment(name: "UNUSED"),
            providerDescription: description
        )
        return Normalizer(account: account, fingerprintKey: key)
    }

    static let builtIns = ProviderDescription.builtIns.map(normalizer)

    /// A described provider whose volatile and secret paths, lifted fields and prompt reach into the
    /// shapes `randomTree` makes: keys, `*`, `[*]` and quoted subscripts at several depths.
    static let described: Normalizer = {
        var description = ProviderDescription(name: .puretalk, listPath: "/", getPath: "/", promptPath: "config.prompt")
        description.modelPath = "items[1].value"
        description.voicePath = "config.headers"
        description.greetingPath = "nested.x.value"
        description.volatile = [
            "count", "config.updated_at", "items[*].x", "*.nested", "nested.*.y", "config[\"a\\\"b\"]",
        ]
        .compactMap(PathPattern.init)
        description.secrets = ["config.value", "items[*].name", "nested.*.é", "x[*][*]", "items"]
            .compactMap(PathPattern.init)
        return normalizer(description)
    }()

    /// Records the walk must encode as the tree path does, with the first difference named.
    static func expectSame(
        _ normalizer: Normalizer,
        _ record: JSONValue,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let walk = normalizer.walk else {
            Issue.record("no walk for this description", sourceLocation: sourceLocation)
            return
        }
        let walked = walk.snapshot(of: record)
        let tree = normalizer.treeSnapshot(of: record)
        let sameBytes = walked.bytes == tree.bytes
        #expect(
            sameBytes,
            "\(String(decoding: walked.bytes, as: UTF8.self)) != \(String(decoding: tree.bytes, as: UTF8.self))",
            sourceLocation: sourceLocation
        )
        #expect(walked.mark == tree.mark, sourceLocation: sourceLocation)
        #expect(walked.lifted.map(Self.liftedForm) == tree.lifted.map(Self.liftedForm), sourceLocation: sourceLocation)
    }

    /// What the normalizer reads of a lifted value: a string's exact bytes (`==` on `String` would
    /// take canonically equivalent text as equal), else its type.
    static func liftedForm(_ value: JSONValue?) -> [UInt8]? {
        guard let value else { return nil }
        if case .string(let text) = value { return Array(text.utf8) }
        return Array(value.typeName.utf8) + [0xFF]
    }

    @Test func everyBuiltInDescriptionIsWalked() {
        #expect(Self.builtIns.count == 4 && Self.builtIns.allSatisfy { $0.walk != nil })
        #expect(Self.described.walk != nil)
    }

    @Test func theProvidersDocumentedExamplesEncodeAlike() throws {
        let list = try JSONParser.parse(SeedFixtures.pureTalkList)
        let documents = [
            list["results"]?.arrayValue?.first, try JSONParser.parse(SeedFixtures.pureTalkOne)["results"],
            try JSONParser.parse(SeedFixtures.inventAssistant), try JSONParser.parse(SeedFixtures.telnyxAssistant),
            try JSONParser.parse(SeedFixtures.interactlyAssistant),
        ]
        for document in documents {
            let record = try #require(document)
            for normalizer in Self.builtIns + [Self.described] { Self.expectSame(normalizer, record) }
        }
    }

    @Test(arguments: SimulatedProvider.builtIn)
    func theSimulatorsRecordsEncodeAlike(_ provider: SimulatedProvider) throws {
        let simulator = try ProviderSimulator(options: .init(seed: 9, assistantsPerProvider: 40))
        let normalizer = try #require(Self.builtIns.first { $0.schema.promptPath == Self.promptPath(provider) })
        let ids = simulator.assistantIDs(provider)
        #expect(ids.count >= 40)
        for id in ids {
            let object = try #require(simulator.record(provider, id: id))
            let record = try JSONParser.parse(try JSONSerialization.data(withJSONObject: object))
            Self.expectSame(normalizer, record)
            Self.expectSame(Self.described, record)
        }
    }

    static func promptPath(_ provider: SimulatedProvider) -> String {
        ProviderKind(rawValue: provider.rawValue).flatMap(ProviderDescription.builtIn)?.promptPath ?? ""
    }

    /// Secrets by name and by path at every depth and inside arrays, header collections of both shapes,
    /// and URLs with user-info under plain keys, secret keys and header names, in nested arrays of
    /// objects: the walk redacts exactly what the tree path redacts, and no canary is left.
    @Test func secretsAndURLUserInfoAtEveryDepth() throws {
        let url = "see https://CANARY-user:CANARY-pass@db.example.test/x then ftp://CANARY-u@h"
        let leaves: [JSONValue] = [
            ["token": "CANARY-t", "plain": .string(url), "api_key_ref": "ref"],
            ["headers": ["Authorization": "CANARY-a", "X": [.string(url), ["deep": "CANARY-d"]]]],
            ["custom_headers": [["name": "X-Key", "value": "CANARY-v"], "CANARY-e", ["CANARY-n"]]],
            ["Secret-Key": [["url": .string(url)], [.string(url), ["inner": "CANARY-i"]]], "password": ""],
            [.string(url), ["value": .string(url)], [["client_secret": ["a": ["b": "CANARY-c"]]]]],
            ["webhook": ["headers": [["name": "n", "value": ["x": "CANARY-x"]]]], "to\u{212A}en": "CANARY-k"],
            // A header pair's members other than `value` (normalizer version 2).
            [
                "custom_headers": [
                    ["name": .string(url), "value": "CANARY-v2", "token": "CANARY-t2", "m": ["api_key": "CANARY-m"]]
                ]
            ],
            [
                "headers": [
                    ["name": "n", "value": "v", "sub": [["headers": [["name": .string(url), "value": "CANARY-z"]]]]]
                ]
            ],
        ]
        for leaf in leaves {
            var nested = leaf
            for depth in 0..<6 {
                let record: JSONValue = [
                    "name": "n", "config": ["prompt": nested], "items": [nested, ["value": nested]],
                ]
                for normalizer in Self.builtIns + [Self.described] {
                    Self.expectSame(normalizer, record)
                    let text = String(decoding: normalizer.snapshot(of: record).bytes, as: UTF8.self)
                    #expect(!text.contains("CANARY"), "depth \(depth): \(text)")
                }
                nested = depth.isMultiple(of: 2) ? .array([1, nested, ["k": nested]]) : ["level\(depth)": nested]
            }
        }
    }

    /// Volatile paths at several depths, escapes and non-ASCII in keys and values, keys whose UTF-8
    /// order differs from their UTF-16 order, canonically equivalent keys, empty containers.
    @Test func edgeCasesOfTheEncodingAndThePaths() {
        let records: [JSONValue] = [
            [:], [], "", ["config": [:], "items": [], "nested": ["x": [:]]],
            [
                "count": 3, "config": ["updated_at": "t", "prompt": "p", "a\"b": 1],
                "items": [["x": 1, "y": 2], ["x": 3]],
            ],
            ["a": ["nested": 1, "b": ["nested": 2]], "nested": ["q": ["y": 1, "z": 2], "r": [1, 2]]],
            ["\u{FF61}": 1, "\u{1F600}": 2, "\u{E000}": 3, "z": 4, "é": 5, "e\u{301}x": 6, "": 7, "\u{0}\t\"\\": 8],
            ["config": ["prompt": "line\nbreak \"quoted\" \\ back\t\r\u{1}\u{1F}\u{7F} ünï 🙂 e\u{301}"]],
            ["config": ["prompt": 1], "name": ["x": 1], "items": [1, ["value": [2]]]],
            ["config": ["prompt": .null], "name": .null, "nested": ["x": ["value": "g", "y": "gone"]]],
            [
                "config": [
                    "prompt": "[redacted:hmac-sha256:0011223344556677]", "value": "[redacted:hmac-sha256:\u{301}",
                ]
            ],
            ["x": [[1, "s"], "t", [["u"]]], "items": [["name": "n1"], ["name": ""], "plain"]],
            ["nested": ["a": ["é": "CANARY", "e\u{301}": "alike"]], "config": ["value": ["deep": ["s", 1]]]],
        ]
        for record in records {
            for normalizer in Self.builtIns + [Self.described] { Self.expectSame(normalizer, record) }
        }
    }

    /// A thousand seeded random records, each against every description. (Three thousand took 20 s of a
    /// loaded full run, long enough to starve the timing-bound scheduler tests of the cooperative pool.)
    @Test func randomTreesEncodeAlike() {
        var generator = SplitMix64(seed: 0x5741_4C4B)
        for _ in 0..<1000 {
            let record = Self.randomTree(depth: 0, using: &generator)
            for normalizer in [Self.described] + Self.builtIns { Self.expectSame(normalizer, record) }
        }
    }

    static let keys = [
        "name", "prompt", "value", "headers", "Custom-Headers", "token", "api_key", "apiKeyRef", "secret_key",
        "x", "y", "config", "items", "nested", "count", "updated_at", "é", "e\u{301}", "\u{FF61}", "\u{1F600}",
        "a\"b", "tab\tkey", "", "Value", "to\u{212A}en", "url", "user", "email", "model",
    ]
    static let strings = [
        "", "plain", "https://alice:hunter2@db.example.test/x", "see ftp://u:p@h and https://x@y/z", "10:30 a://b@c",
        "[redacted:hmac-sha256:0011223344556677]", "line\nbreak \"quoted\" \\ back", "\u{0}\u{1F}ctl", "ünïcödé",
        "e\u{301}", "🙂", "2026-01-01T00:00:00Z",
    ]

    static func randomTree(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kind = depth >= 5 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<7, using: &generator)
        switch kind {
        case 0: return .string(strings.randomElement(using: &generator)!)
        case 1: return .number(["1", "-0.50", "1e10", "0"].randomElement(using: &generator)!)
        case 2: return Bool.random(using: &generator) ? .bool(Bool.random(using: &generator)) : .null
        case 3: return .string(strings.randomElement(using: &generator)! + strings.randomElement(using: &generator)!)
        case 4:
            return .array(
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    randomTree(depth: depth + 1, using: &generator)
                }
            )
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                members[keys.randomElement(using: &generator)!] = randomTree(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }

    /// The lifted columns are the redacted values: a prompt's URL loses its user-info there too, and
    /// the prompt's span in the snapshot is the redacted text.
    @Test func liftedValuesAreTheRedactedOnes() throws {
        let normalizer = try #require(Self.builtIns.first { $0.schema.promptPath == "prompt" })
        let record: JSONValue = [
            "assistant_id": "a", "name": "https://bob:CANARY@n.example.test", "model": "m",
            "prompt": "Call https://bob:CANARY@h.example.test/x\nthen stop.", "begin_message": "ftp://CANARY@g",
            "voice": ["name": "https://v:CANARY@v.example.test"],
        ]
        Self.expectSame(normalizer, record)
        let observation = try normalizer.normalize(RemoteRecord(remoteID: "a", raw: record))
        let lifted = [observation.name, observation.prompt, observation.model, observation.voice, observation.greeting]
        #expect(lifted.allSatisfy { $0 != nil && !$0!.contains("CANARY") })
        let range = try #require(observation.promptRange)
        let span = Array(observation.snapshot.utf8)[range]
        let escaped = observation.prompt!.replacingOccurrences(of: "\n", with: "\\n")
        #expect(String(decoding: span, as: UTF8.self) == escaped)
    }

    /// `**` among the secret paths: no walk, and the tree path still runs.
    @Test func aDescriptionWithAnyDepthKeepsTheTreePath() throws {
        var description = ProviderDescription(name: .telnyx, listPath: "/", getPath: "/{id}", promptPath: "prompt")
        description.secrets = [try #require(PathPattern("**.pin"))]
        let normalizer = Self.normalizer(description)
        #expect(normalizer.walk == nil)
        let observation = try normalizer.normalize(
            RemoteRecord(remoteID: "1", raw: ["prompt": "p", "a": ["pin": "1234"]])
        )
        #expect(!observation.snapshot.contains("1234") && observation.prompt == "p")
    }
}
