import Foundation
import Testing

@testable import MirrorSimulator

@Suite("ProviderSimulator world: seeding, content and edits")
struct ProviderSimulatorWorldTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func sameSeedGivesTheSameWorldAndTheSameEdits() throws {
        let first = try ProviderSimulator(options: .init(seed: 7, assistantsPerProvider: 6))
        let second = try ProviderSimulator(options: .init(seed: 7, assistantsPerProvider: 6))
        let other = try ProviderSimulator(options: .init(seed: 8, assistantsPerProvider: 6))
        for provider in SimulatedProvider.builtIn {
            #expect(first.assistantIDs(provider) == second.assistantIDs(provider))
            #expect(first.assistantIDs(provider) != other.assistantIDs(provider))
            for id in first.assistantIDs(provider) {
                #expect(
                    canonicalText(first.record(provider, id: id)!) == canonicalText(second.record(provider, id: id)!)
                )
            }
        }
        #expect(first.advance(editCount: 30) == second.advance(editCount: 30))
        #expect(first.edits == second.edits)
        #expect(first.edits != other.advance(editCount: 30))
    }

    @Test func seededContentIsVariedAndKeepsHardCharactersIntact() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 12, includeHugePrompt: false))
        let prompts = SimulatedProvider.builtIn.flatMap { provider in
            simulator.assistantIDs(provider).compactMap { simulator.mainPrompt(provider, id: $0) }
        }
        #expect(prompts.count == 48)
        for provider in SimulatedProvider.builtIn {
            let own = simulator.assistantIDs(provider).compactMap { simulator.mainPrompt(provider, id: $0) }
            #expect(Set(own).count == own.count, "\(provider) repeats a prompt")
        }
        #expect(prompts.allSatisfy { $0.contains("\n") })
        let scalars = prompts.map { Array($0.unicodeScalars.map(\.value)) }
        let decomposedAcute: [UInt32] = [0x65, 0x301]
        let hasDecomposedAcute = scalars.contains { values in
            values.indices.dropLast().contains { Array(values[$0...($0 + 1)]) == decomposedAcute }
        }
        #expect(hasDecomposedAcute)
        #expect(prompts.contains { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } })  // Arabic
        #expect(prompts.contains { $0.unicodeScalars.contains { (0x0590...0x05FF).contains($0.value) } })  // Hebrew
        #expect(prompts.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })  // CJK
        #expect(prompts.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect(prompts.contains { $0.contains("\t") })
    }

    @Test func decomposedCharactersTravelTheWireUnnormalized() async throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 12, includeHugePrompt: false))
        simulator.start()
        defer { simulator.stop() }
        let page = try await SimulatorHTTP(simulator: simulator).get(
            .puretalk,
            "/ai-assistants",
            query: [("limit", "100")]
        )
        // "e" followed by the UTF-8 of U+0301 (CC 81), byte for byte.
        #expect(page.body.firstRange(of: Data([0x65, 0xCC, 0x81])) != nil)
    }

    @Test func hugePromptIsServedIntact() async throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 3))
        simulator.start()
        defer { simulator.stop() }
        let http = SimulatorHTTP(simulator: simulator)
        let huge = try #require(
            simulator.assistantIDs(.puretalk).first {
                (simulator.mainPrompt(.puretalk, id: $0)?.utf8.count ?? 0) >= 200 * 1024
            }
        )
        let expected = simulator.mainPrompt(.puretalk, id: huge)!
        let list = try await http.get(.puretalk, "/ai-assistants")
        let item = (list.object?["results"] as? [[String: Any]])?.first { $0["assistant_id"] as? String == huge }
        #expect((item?["prompt"] as? String)?.unicodeScalars.elementsEqual(expected.unicodeScalars) == true)
        let one = try await http.get(.puretalk, "/ai-assistants/\(huge)")
        #expect(((one.object?["results"] as? [String: Any])?["prompt"] as? String)?.utf8.count == expected.utf8.count)
        let others = SimulatedProvider.builtIn.flatMap { provider in
            simulator.assistantIDs(provider).map { (provider, $0) }
        }
        #expect(others.filter { (simulator.mainPrompt($0.0, id: $0.1)?.utf8.count ?? 0) > 100_000 }.count == 1)
    }

    @Test func timestampsFollowEachProvidersStyle() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 4, includeHugePrompt: false))
        let pureTalk = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$"#)
        let milliseconds = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#)
        for id in simulator.assistantIDs(.puretalk) {
            let record = simulator.record(.puretalk, id: id)!
            #expect((record["created_at"] as? String)?.wholeMatch(of: pureTalk) != nil)
            #expect((record["updated_at"] as? String)?.wholeMatch(of: pureTalk) != nil)
        }
        for (provider, keys) in [
            (SimulatedProvider.invent, ["created_at", "updated_at"]), (.interactly, ["createdAt", "updatedAt"]),
        ] {
            for id in simulator.assistantIDs(provider) {
                let record = simulator.record(provider, id: id)!
                for key in keys { #expect((record[key] as? String)?.wholeMatch(of: milliseconds) != nil) }
                #expect((record[keys[0]] as! String) <= (record[keys[1]] as! String))
            }
        }
    }

    @Test func telnyxRecordsHaveNoUpdatedAtAndEditsNeverClaimABump() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 6, includeHugePrompt: false))
        simulator.advance(editCount: 80)
        let id = simulator.assistantIDs(.telnyx)[0]
        simulator.editPrompt(.telnyx, id: id, to: "New instructions", bumpUpdatedAt: true)
        #expect(!simulator.touch(.telnyx, id: id))
        for id in simulator.assistantIDs(.telnyx) {
            let record = simulator.record(.telnyx, id: id)!
            #expect(record["updated_at"] == nil)
            #expect(record["created_at"] is String)
        }
        let telnyxEdits = simulator.edits.filter { $0.provider == .telnyx }
        #expect(!telnyxEdits.isEmpty)
        #expect(telnyxEdits.allSatisfy { !$0.bumpedUpdatedAt })
    }

    @Test func recordsCarryTheSecretsAndShapesTheMirrorMustHandle() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 6, includeHugePrompt: false))
        let invent = simulator.record(.invent, id: simulator.assistantIDs(.invent)[0])!
        #expect((invent["secret_key"] as? String)?.count == 40)
        #expect(invent["deleted"] as? Bool == false)
        #expect(
            (value(at: "actions[0].config.input.headers.Authorization", in: invent) as? String)?.hasPrefix("Bearer ")
                == true
        )
        #expect(value(at: "actions[0].updated_at", in: invent) is String)

        let telnyx = simulator.record(.telnyx, id: simulator.assistantIDs(.telnyx)[0])!
        #expect(value(at: "tools[0].type", in: telnyx) as? String == "webhook")
        #expect(value(at: "tools[0].webhook.headers[0].name", in: telnyx) as? String == "Authorization")
        #expect((value(at: "tools[0].webhook.headers[0].value", in: telnyx) as? String)?.hasPrefix("Bearer ") == true)

        let interactly = simulator.assistantIDs(.interactly).compactMap { simulator.record(.interactly, id: $0) }
        #expect(
            interactly.filter {
                ($0["assistantLLMUrl"] as? String)?.contains("user:") == true
                    || ($0["assistantLLMUrl"] as? String)?.contains("@llm.example.test") == true
            }.count == 1
        )
        #expect(
            interactly.allSatisfy {
                (value(at: "assistantServer.headers.X-Api-Key", in: $0) as? String)?.isEmpty == false
            }
        )
        #expect(interactly.allSatisfy { ($0["_id"] as? String)?.wholeMatch(of: /[0-9a-f]{24}/) != nil })

        let pureTalk = simulator.assistantIDs(.puretalk).compactMap { simulator.record(.puretalk, id: $0) }
        #expect(pureTalk.contains { (($0["llm_states"] as? [Any])?.count ?? 0) > 0 })
        #expect(pureTalk.contains { value(at: "llm_states[0].children[0].prompt", in: $0) is String })
        #expect(pureTalk.allSatisfy { $0["tools"] is String && value(at: "user.email", in: $0) is String })
    }

    @Test func advanceReportsEditsThatMatchTheServedData() async throws {
        let simulator = try ProviderSimulator(
            options: .init(seed: 3, assistantsPerProvider: 8, includeHugePrompt: false)
        )
        simulator.start()
        defer { simulator.stop() }
        let http = SimulatorHTTP(simulator: simulator)
        let edits = simulator.advance(editCount: 60)
        #expect(edits.count >= 60)
        #expect(edits == Array(simulator.edits.suffix(edits.count)))
        let kinds = Set(edits.map(\.kind))
        #expect(kinds.isSuperset(of: [.promptChanged, .fieldChanged, .created]))
        #expect(edits.contains { $0.kind == .promptChanged && $0.field?.contains("[") == true })  // nested prompts

        var served: [SimulatedProvider: [String: [String: Any]]] = [:]
        for provider in SimulatedProvider.builtIn {
            let crawled = try await http.crawl(provider, pageSize: 4)
            served[provider] = Dictionary(
                uniqueKeysWithValues: crawled.map { ($0[SimulatorHTTP.idKey(provider)] as! String, $0) }
            )
            #expect(crawled.map { $0[SimulatorHTTP.idKey(provider)] as? String } == simulator.assistantIDs(provider))
        }
        // The last edit of every (assistant, field) is what is served now.
        var latest: [String: SimulatedEdit] = [:]
        for edit in edits where edit.field != nil && edit.field != "updated_at" && edit.field != "updatedAt" {
            latest["\(edit.provider)/\(edit.remoteID)/\(edit.field!)"] = edit
        }
        #expect(!latest.isEmpty)
        for edit in latest.values {
            guard let record = served[edit.provider]?[edit.remoteID] else { continue }  // deleted later
            #expect(text(of: value(at: edit.field!, in: record)) == edit.newValue, "\(edit)")
        }
        var lastLifecycle: [String: SimulatedEdit] = [:]
        for edit in edits where [.created, .deleted, .restored].contains(edit.kind) {
            lastLifecycle["\(edit.provider)/\(edit.remoteID)"] = edit
        }
        for edit in lastLifecycle.values {
            #expect((served[edit.provider]?[edit.remoteID] != nil) == (edit.kind != .deleted), "\(edit)")
        }
    }

    @Test func inventActionEditsLeaveTheParentsUpdatedAtAlone() async throws {
        let simulator = try ProviderSimulator(
            options: .init(seed: 11, assistantsPerProvider: 6, includeHugePrompt: false)
        )
        simulator.start()
        defer { simulator.stop() }
        let http = SimulatorHTTP(simulator: simulator)
        var checked = 0
        for _ in 0..<2000 where checked < 3 {
            let snapshot = Dictionary(
                uniqueKeysWithValues: simulator.assistantIDs(.invent).map { ($0, simulator.record(.invent, id: $0)!) }
            )
            for edit in simulator.advance(editCount: 1)
            where edit.provider == .invent && edit.field?.hasPrefix("actions[") == true {
                let before = try #require(snapshot[edit.remoteID])
                let after = try #require(try await http.get(.invent, "/orgs/c/assistants/\(edit.remoteID)").object)
                let action = String(edit.field!.prefix { $0 != "]" }) + "]"
                #expect(edit.kind == .promptChanged)
                #expect(!edit.bumpedUpdatedAt)
                #expect(after["updated_at"] as? String == before["updated_at"] as? String)
                #expect(
                    value(at: "\(action).updated_at", in: after) as? String != value(
                        at: "\(action).updated_at",
                        in: before
                    ) as? String
                )
                #expect(value(at: edit.field!, in: after) as? String == edit.newValue)
                checked += 1
            }
        }
        #expect(checked == 3)
    }

    @Test func directEditsAreRecordedAndServed() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 3, includeHugePrompt: false))
        let id = simulator.assistantIDs(.invent)[0]
        let before = simulator.record(.invent, id: id)!

        let editor = SimulatedUser.dashboardEditors[2]
        #expect(simulator.editPrompt(.invent, id: id, to: "Be brief.\nالسلام عليكم", bumpUpdatedAt: false, by: editor))
        #expect(simulator.mainPrompt(.invent, id: id) == "Be brief.\nالسلام عليكم")
        #expect(simulator.record(.invent, id: id)!["updated_at"] as? String == before["updated_at"] as? String)
        #expect(
            simulator.edits.last
                == SimulatedEdit(
                    provider: .invent,
                    remoteID: id,
                    kind: .promptChanged,
                    field: "config.instructions",
                    oldValue: value(at: "config.instructions", in: before) as? String,
                    newValue: "Be brief.\nالسلام عليكم",
                    bumpedUpdatedAt: false,
                    editor: editor
                )
        )

        #expect(simulator.touch(.invent, id: id))
        #expect(simulator.edits.last?.field == "updated_at")
        #expect(simulator.record(.invent, id: id)!["updated_at"] as? String != before["updated_at"] as? String)

        #expect(simulator.setField(.invent, id: id, path: "config.model", value: "gpt-5", bumpUpdatedAt: true))
        #expect(simulator.edits.last?.kind == .fieldChanged)
        #expect(simulator.edits.last?.field == "config.model")
        #expect(
            simulator.setField(
                .invent,
                id: id,
                path: "actions.0.instructions",
                value: "Call the API.",
                bumpUpdatedAt: false
            )
        )
        #expect(simulator.edits.last?.kind == .promptChanged)
        #expect(simulator.edits.last?.field == "actions[0].instructions")
        #expect(simulator.setField(.invent, id: id, path: "enabled", value: false, bumpUpdatedAt: true))
        #expect(simulator.edits.last?.newValue == "false")

        let count = simulator.edits.count
        #expect(!simulator.setField(.invent, id: id, path: "actions.99.instructions", value: "x", bumpUpdatedAt: true))
        #expect(!simulator.setField(.invent, id: id, path: "name.first", value: "x", bumpUpdatedAt: true))
        #expect(!simulator.setField(.invent, id: id, path: "name", value: Date(), bumpUpdatedAt: true))
        #expect(!simulator.setField(.invent, id: "ast_missing", path: "name", value: "x", bumpUpdatedAt: true))
        #expect(!simulator.editPrompt(.puretalk, id: "missing", to: "x"))
        #expect(simulator.setField(.invent, id: id, path: "enabled", value: false, bumpUpdatedAt: false))  // no change
        #expect(simulator.edits.count == count)
    }

    @Test func createDeleteRestoreKeepCreationOrder() throws {
        let simulator = try ProviderSimulator(options: .init(assistantsPerProvider: 3, includeHugePrompt: false))
        let original = simulator.assistantIDs(.interactly)
        let created = simulator.create(.interactly)
        #expect(simulator.assistantIDs(.interactly) == original + [created])
        #expect(simulator.edits.last?.kind == .created)
        #expect(simulator.edits.last?.newValue == simulator.mainPrompt(.interactly, id: created))
        #expect(simulator.delete(.interactly, id: original[1]))
        #expect(!simulator.delete(.interactly, id: original[1]))
        #expect(simulator.record(.interactly, id: original[1]) == nil)
        #expect(simulator.assistantIDs(.interactly) == [original[0], original[2], created])
        #expect(simulator.restore(.interactly, id: original[1]))
        #expect(!simulator.restore(.interactly, id: original[1]))
        #expect(simulator.assistantIDs(.interactly) == original + [created])
        #expect(simulator.edits.suffix(2).map(\.kind) == [.deleted, .restored])
    }

    @Test func promptRewritesAlwaysChangeTheText() {
        var random = SeededRandom(seed: 5)
        var text = "Line one\nLine two with 24 hours\nLine three"
        for _ in 0..<300 {
            let next = PromptRewriter.rewrite(text, random: &random)
            #expect(next != text)
            text = next
        }
        var single = "Hello."
        for _ in 0..<20 {
            let next = PromptRewriter.rewrite(single, random: &random)
            #expect(next != single)
            #expect(!next.contains("\n"))
            single = next
        }
    }

    @Test func fieldPathsReadWriteAndNameLikeTheWire() {
        var record: SimulatedJSON = ["actions": [["instructions": "a"]], "config": ["model": "m"]]
        #expect(SimulatedFieldPath(dotted: "actions.0.instructions").wireName == "actions[0].instructions")
        #expect(
            SimulatedFieldPath(dotted: "llm_states.1.children.0.prompt").wireName == "llm_states[1].children[0].prompt"
        )
        #expect(record.value(at: "actions.0.instructions") == "a")
        let setNested = record.set("b", at: "actions.0.instructions")
        let createdMember = record.set("new", at: "config.stt.model")
        let pastTheEnd = record.set("x", at: "actions.1.instructions")
        let throughScalar = record.set("x", at: "config.model.deeper")
        #expect(setNested && createdMember && !pastTheEnd && !throughScalar)
        #expect(record.value(at: "actions.0.instructions") == "b")
        #expect(record.value(at: "config.stt.model") == "new")
        #expect(record.value(at: "config.model") == "m")
        #expect(
            SimulatedJSON(foundation: ["a": [1, true, NSNull(), 2.5, "s"]] as [String: Any]) == [
                "a": [1, true, nil, 2.5, "s"]
            ]
        )
    }
}
