import Foundation
import Testing

@testable import MirrorSimulator

@Suite("Update endpoints: the seeds' calls applied to the world and logged")
struct UpdateEndpointTests {
    /// One provider's documented update call for a new main prompt.
    struct Call: Sendable, CustomTestStringConvertible {
        let provider: SimulatedProvider
        let method: String
        let path: @Sendable (_ id: String) -> String
        let body: @Sendable (_ prompt: String, _ record: [String: Any]) -> [String: Any]
        /// Where the reply carries the record.
        let replyRecordPath: String?
        /// The member a mistyped prompt is reported under, and how the provider's error shape names it.
        let promptMember: String
        var testDescription: String { provider.rawValue }
    }

    static let calls: [Call] = [
        Call(
            provider: .puretalk,
            method: "PATCH",
            path: { "/ai-assistants/\($0)" },
            body: { p, _ in ["prompt": p] },
            replyRecordPath: "results",
            promptMember: "prompt"
        ),
        Call(
            provider: .invent,
            method: "PATCH",
            path: { "/orgs/c/assistants/\($0)" },
            body: { p, _ in ["config": ["instructions": p]] },
            replyRecordPath: nil,
            promptMember: "config.instructions"
        ),
        Call(
            provider: .telnyx,
            method: "POST",
            path: { "/ai/assistants/\($0)" },
            body: { p, _ in ["instructions": p] },
            replyRecordPath: nil,
            promptMember: "instructions"
        ),
        Call(
            provider: .interactly,
            method: "PATCH",
            path: { "/assistants/v1/assistants/\($0)" },
            body: { p, record in ["name": record["name"]!, "assistantSystemPrompt": p] },
            replyRecordPath: nil,
            promptMember: "assistantSystemPrompt"
        ),
        Call(
            provider: .openAIStyle,
            method: "POST",
            path: { "/v1/assistants/\($0)" },
            body: { p, _ in ["instructions": p] },
            replyRecordPath: nil,
            promptMember: "instructions"
        ),
    ]

    private func started() throws -> (ProviderSimulator, SimulatorHTTP) {
        let simulator = try ProviderSimulator(
            options: .init(assistantsPerProvider: 3, includeHugePrompt: false, servesOpenAIStyle: true)
        )
        simulator.start()
        return (simulator, SimulatorHTTP(simulator: simulator))
    }

    @Test(arguments: calls)
    func theDocumentedCallChangesThePromptAndRepliesWithTheRecord(call: Call) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(call.provider)[1]
        let before = try #require(simulator.record(call.provider, id: id))
        let prompt = "Answer in one sentence.\nÜberall höflich bleiben."
        let sent = call.body(prompt, before)
        let reply = try await http.send(call.method, call.provider, call.path(id), json: sent)

        #expect(reply.status == 200)
        #expect(simulator.mainPrompt(call.provider, id: id) == prompt)
        let served = try #require(simulator.record(call.provider, id: id))
        let replied = call.replyRecordPath.map { value(at: $0, in: reply.object as Any) } ?? reply.object
        #expect(canonicalText(replied as Any) == canonicalText(served))
        if call.provider == .puretalk { #expect(reply.object?["err"] as? Bool == false) }
        for key in ["updated_at", "updatedAt"] where before[key] != nil {
            #expect(served[key] as? String != before[key] as? String)  // moved with the write
        }

        let write = try #require(simulator.writes.last)
        #expect(write.provider == call.provider && write.method == call.method && write.status == 200)
        #expect(write.path == call.provider.pathPrefix + call.path(id))
        #expect(canonicalText(write.json as Any) == canonicalText(sent))
        #expect(write.headers["content-type"] == "application/json")
        let credential = call.provider == .puretalk ? "x-api-key" : "authorization"
        #expect(write.headers[credential] == (call.provider == .puretalk ? "[valid key]" : "Bearer [valid key]"))
        #expect(!write.headers.values.contains { $0.contains(simulator.apiKeys[call.provider]!) })
        #expect(write.edits.count == 1)
        #expect(write.edits.first?.kind == .promptChanged && write.edits.first?.newValue == prompt)
        #expect(write.edits.first?.editor == .keyOwner)
        #expect(simulator.edits.last == write.edits.first)
    }

    @Test(arguments: calls)
    func aMistypedPromptIsRefusedInTheProviderErrorShapeAndChangesNothing(call: Call) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(call.provider)[0]
        let record = try #require(simulator.record(call.provider, id: id))
        var body = call.body("x", record)
        if call.provider == .invent { body["config"] = ["instructions": 42] } else { body[call.promptMember] = 42 }
        let refused = try await http.send(call.method, call.provider, call.path(id), json: body)
        let complaint: Any? =
            switch call.provider {
            case .puretalk: refused.object?["msg"]
            case .invent: refused.object?["message"]
            case .telnyx: value(at: "detail[0].msg", in: refused.object as Any)
            case .interactly: value(at: "message[0]", in: refused.object as Any)
            case .openAIStyle: value(at: "error.message", in: refused.object as Any)
            }
        #expect(refused.status == (call.provider == .telnyx ? 422 : 400))
        #expect((complaint as? String)?.contains("\(call.promptMember) must be a string, not a number") == true)
        if call.provider == .telnyx {
            #expect(
                canonicalText(value(at: "detail[0].loc", in: refused.object as Any) as Any)
                    == #"["body","instructions"]"#
            )
        }
        if call.provider == .openAIStyle {
            #expect(value(at: "error.param", in: refused.object as Any) as? String == "instructions")
        }
        #expect(canonicalText(simulator.record(call.provider, id: id)!) == canonicalText(record))
        #expect(simulator.writes.last?.status == refused.status && simulator.writes.last?.edits.isEmpty == true)
    }

    @Test(arguments: calls)
    func wrongKeysUnknownMembersAndNonJSONAreRefused(call: Call) async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(call.provider)[0]
        let record = try #require(simulator.record(call.provider, id: id))
        let body = try JSONSerialization.data(withJSONObject: call.body("new", record))
        let path = call.path(id)

        let unauthorized = try await http.send(call.method, call.provider, path, body: body, key: "CANARY-key")
        #expect(unauthorized.status == 401)
        let logged = try #require(simulator.writes.last)
        #expect(logged.headers.values.contains { $0.contains("[wrong key]") })
        #expect(!logged.headers.values.contains { $0.contains("CANARY") })

        var extra = call.body("new", record)
        extra["assistant_secret_v2"] = "x"
        let unknown = try await http.send(call.method, call.provider, path, json: extra)
        #expect((400...422).contains(unknown.status))
        #expect(String(decoding: unknown.body, as: UTF8.self).contains("assistant_secret_v2"))

        #expect(
            (400...422).contains(try await http.send(call.method, call.provider, path, body: Data("{".utf8)).status)
        )
        #expect(
            (400...422).contains(try await http.send(call.method, call.provider, path, body: Data("[]".utf8)).status)
        )
        let untyped = try await http.send(call.method, call.provider, path, body: body, contentType: nil)
        #expect((400...422).contains(untyped.status))

        let put = try await http.send("PUT", call.provider, path, body: body)
        #expect(put.status == 405)
        #expect(put.headers["allow"] == "GET, HEAD, \(call.method)")
        #expect(simulator.mainPrompt(call.provider, id: id) == value(at: call.promptMember, in: record) as? String)
        #expect(simulator.edits.isEmpty)

        simulator.delete(call.provider, id: id)
        #expect(try await http.send(call.method, call.provider, path, body: body).status == 404)
    }

    @Test func interactlyRequiresTheNameItsDocumentMarksRequired() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(.interactly)[0]
        let refused = try await http.send(
            "PATCH",
            .interactly,
            "/assistants/v1/assistants/\(id)",
            json: ["assistantSystemPrompt": "new"]
        )
        #expect(refused.status == 400)
        #expect(refused.object?["error"] as? String == "Bad Request")
        #expect((refused.object?["message"] as? [String])?.first == "name must be a non-empty string")
    }

    @Test func aSaveThatChangesNothingStillMovesUpdatedAtAndOtherMembersMerge() async throws {
        let (simulator, http) = try started()
        defer { simulator.stop() }
        let id = simulator.assistantIDs(.invent)[0]
        let before = try #require(simulator.record(.invent, id: id))
        let same = value(at: "config.instructions", in: before) as! String
        let reply = try await http.send(
            "PATCH",
            .invent,
            "/orgs/c/assistants/\(id)",
            json: ["config": ["instructions": same]]
        )
        #expect(reply.status == 200)
        let after = try #require(simulator.record(.invent, id: id))
        #expect(after["updated_at"] as? String != before["updated_at"] as? String)
        #expect(value(at: "config.model", in: after) as? String == value(at: "config.model", in: before) as? String)
        #expect(simulator.edits.map(\.field) == ["updated_at"])

        let telnyx = simulator.assistantIDs(.telnyx)[0]
        let extras: [String: Any] = ["instructions": "v2", "promote_to_main": true, "version_name": "release 2"]
        #expect(try await http.send("POST", .telnyx, "/ai/assistants/\(telnyx)", json: extras).status == 200)
        #expect(simulator.record(.telnyx, id: telnyx)?["promote_to_main"] == nil)
    }
}
