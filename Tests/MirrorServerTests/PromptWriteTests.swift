import Foundation
import Glibc
import MirrorCore
import MirrorSimulator
import MirrorStore
import Testing

@testable import MirrorServer

/// `set-prompt` and `revert` over a real socket, against the simulator's documented update endpoints.
@Suite struct PromptWriteTests {
    /// This process's editor name, as the mirror must record it.
    static var ownEditor: String {
        PromptWriteOrder.editor(userName: getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) }, uid: getuid())
    }

    static func setPrompt(
        _ assistant: String,
        _ prompt: String,
        reason: String = "tighten the greeting",
        dryRun: Bool = false,
        force: Bool = false
    ) -> [String: JSONValue] {
        [
            "assistant": .string(assistant), "prompt": .string(prompt), "reason": .string(reason),
            "dry_run": .bool(dryRun), "force": .bool(force),
        ]
    }

    /// Each provider's documented call: method, path, credential header, content type, and the smallest body.
    @Test(arguments: SimulatedProvider.builtIn)
    func eachProviderReceivesItsDocumentedUpdateCall(_ provider: SimulatedProvider) async throws {
        let fixture = try await PromptWriteFixture()
        let (label, id) = fixture.firstAssistant(provider)
        let nameBefore = fixture.simulator.record(provider, id: id)?["name"] as? String
        let prompt = "You are the \(provider.rawValue) desk.\nAnswer in one sentence. ✓"
        let reply = try await fixture.ask("set-prompt", Self.setPrompt(label, prompt))
        #expect(reply["ok"] == true, "\(reply.canonicalText)")
        #expect(reply["result"]?["outcome"] == "written")

        let writes = fixture.simulator.writes
        try #require(writes.count == 1)
        let write = writes[0]
        let base = fixture.simulator.baseURL(for: provider).path
        // The simulator's log shows where the key went and whether it was right, never the key.
        let (method, path, credential, value): (String, String, String, String) =
            switch provider {
            case .puretalk: ("PATCH", "/ai-assistants/\(id)", "x-api-key", "[valid key]")
            case .invent:
                (
                    "PATCH", "/orgs/\(fixture.simulator.inventOrg)/assistants/\(id)", "authorization",
                    "Bearer [valid key]"
                )
            case .telnyx: ("POST", "/ai/assistants/\(id)", "authorization", "Bearer [valid key]")
            default: ("PATCH", "/assistants/v1/assistants/\(id)", "authorization", "Bearer [valid key]")
            }
        #expect(write.method == method)
        #expect(write.path == base + path)
        #expect(write.headers[credential] == value)
        #expect(write.headers["content-type"] == "application/json")
        #expect(write.status == 200)
        let body = try JSONParser.parse(write.body)
        let expected: JSONValue =
            switch provider {
            case .puretalk: ["prompt": .string(prompt)]
            case .invent: ["config": ["instructions": .string(prompt)]]
            case .telnyx: ["instructions": .string(prompt)]
            default: ["assistantSystemPrompt": .string(prompt), "name": .string(nameBefore ?? "")]
            }
        #expect(body == expected)
        #expect(fixture.simulator.mainPrompt(provider, id: id) == prompt)

        // The re-read is recorded with the exact editor, and the attempt points at it.
        let reader = try fixture.reader()
        let revision = try reader.jsonRows(
            "SELECT changed_by, changed_by_source, change_reason, prompt FROM assistant_revisions "
                + "WHERE account = ? AND remote_id = ? ORDER BY revision DESC LIMIT 1",
            [fixture.account(provider), id]
        )[0]
        #expect(revision["changed_by"] == .string(Self.ownEditor))
        #expect(revision["changed_by_source"] == "assistant-mirror")
        #expect(revision["change_reason"] == "tighten the greeting")
        #expect(revision["prompt"] == .string(prompt))
        let attempt = try #require(try fixture.attempts().first)
        #expect(attempt["outcome"] == "written")
        #expect(attempt["provider_status"] == 200)
        #expect(attempt["requested_by"] == .string(Self.ownEditor))
        #expect(attempt["hash_before"] != attempt["hash_after"])
        #expect(try reader.verifyChain().isIntact)
    }

    @Test func aProviderSideChangeIsAConflictUnlessForced() async throws {
        let fixture = try await PromptWriteFixture()
        let (label, id) = fixture.firstAssistant(.puretalk)
        fixture.simulator.editPrompt(.puretalk, id: id, to: "Edited in the dashboard meanwhile.")
        let refused = try await fixture.ask("set-prompt", Self.setPrompt(label, "Mine."))
        #expect(refused["error"]?["code"] == "conflict")
        #expect(refused["error"]?["message"]?.stringValue?.contains("--force") == true)
        #expect(fixture.simulator.writes.isEmpty)
        #expect(fixture.simulator.mainPrompt(.puretalk, id: id) == "Edited in the dashboard meanwhile.")

        let forced = try await fixture.ask("set-prompt", Self.setPrompt(label, "Mine.", force: true))
        #expect(forced["result"]?["outcome"] == "written")
        #expect(fixture.simulator.mainPrompt(.puretalk, id: id) == "Mine.")
        let outcomes = try fixture.attempts().map { [$0["outcome"], $0["forced"]] }
        #expect(outcomes == [["conflict", 0], ["written", 1]])
    }

    @Test func writesAreOffUnlessTheAccountSaysOn() async throws {
        let fixture = try await PromptWriteFixture(write: false)
        let (label, _) = fixture.firstAssistant(.telnyx)
        let reply = try await fixture.ask("set-prompt", Self.setPrompt(label, "Anything."))
        #expect(reply["error"]?["code"] == "write_disabled")
        #expect(reply["error"]?["message"]?.stringValue?.contains("write = on") == true)
        #expect(fixture.simulator.writes.isEmpty)
        #expect(try fixture.attempts().map { $0["outcome"] } == ["disabled"])
        #expect(AccountConfiguration(name: "a", provider: .telnyx, secret: .environment(name: "K")).write == false)
    }

    @Test(.enabled(if: QueryServerAccessTests.canSwitchUser))
    func aPeerOutsideTheWriteGroupIsForbiddenAndNothingIsSent() async throws {
        let fixture = try await PromptWriteFixture(writeGroup: "adm")
        guard chmod(fixture.scratch.path, 0o711) == 0, chmod(fixture.socketPath, 0o666) == 0 else {
            throw SystemError(call: "chmod", errno: errno, detail: fixture.scratch.path)
        }
        let (label, id) = fixture.firstAssistant(.invent)
        let before = fixture.simulator.mainPrompt(.invent, id: id)
        let request = JSONValue.object(
            Self.setPrompt(label, "Nobody's prompt.").merging(["v": 1, "id": 1, "op": "set-prompt"]) { $1 }
        )
        let run = try await onThread {
            try QueryServerAccessTests.runAsNobody(socket: fixture.socketPath, request: request.canonicalText)
        }
        let reply = try JSONParser.parse(Array(run.output.utf8))
        #expect(reply["error"]?["code"] == "forbidden")
        #expect(reply["error"]?["message"]?.stringValue?.contains("write-group adm") == true)
        #expect(fixture.simulator.writes.isEmpty)
        #expect(fixture.simulator.requests.allSatisfy { $0.method == "GET" })
        #expect(fixture.simulator.mainPrompt(.invent, id: id) == before)
        let attempt = try #require(try fixture.attempts().first)
        #expect(attempt["outcome"] == "forbidden")
        #expect(attempt["requested_by"] == "unix:nobody (uid 65534)")
    }

    @Test func revertRestoresAnEarlierPromptAndHistoryListsTheAttempts() async throws {
        let fixture = try await PromptWriteFixture()
        let (label, id) = fixture.firstAssistant(.interactly)
        let original = fixture.simulator.mainPrompt(.interactly, id: id)
        _ = try await fixture.ask("set-prompt", Self.setPrompt(label, "A detour."))
        let reply = try await fixture.ask(
            "revert",
            ["assistant": .string(label), "revision": 1, "reason": "the detour confused callers"]
        )
        #expect(reply["result"]?["outcome"] == "written", "\(reply.canonicalText)")
        #expect(fixture.simulator.mainPrompt(.interactly, id: id) == original)
        let history = try await fixture.ask("history", ["assistant": .string(label)])
        let writes = try #require(history["result"]?["writes"]?.arrayValue)
        #expect(writes.map { $0["operation"] } == ["set-prompt", "revert"])
        #expect(writes[1]["reverted_to"] == 1)
        #expect(writes[1]["reason"] == "the detour confused callers")
        #expect(writes[1]["revision"] == 3)
        let revisions = try #require(history["result"]?["revisions"]?.arrayValue)
        #expect(revisions.last?["changed_by"] == .string(Self.ownEditor))
    }

    @Test func aDryRunShowsTheRequestWithoutTheKeyAndChangesNothing() async throws {
        let fixture = try await PromptWriteFixture(write: false)
        let (label, id) = fixture.firstAssistant(.puretalk)
        let reply = try await fixture.ask("set-prompt", Self.setPrompt(label, "Preview only.", dryRun: true))
        let result = try #require(reply["result"])
        #expect(result["outcome"] == "previewed")
        #expect(result["prompt_diff"]?.stringValue?.contains("+Preview only.") == true)
        #expect(result["request"]?["method"] == "PATCH")
        #expect(result["request"]?["body"] == #"{"prompt":"Preview only."}"#)
        #expect(result["request"]?["headers"]?.arrayValue?.first == ["X-API-KEY", "<api-key>"])
        #expect(result["message"]?.stringValue?.contains("write = on") == true, "names the refusal a real run meets")
        for key in fixture.keys { #expect(!reply.canonicalText.contains(key)) }
        #expect(fixture.simulator.writes.isEmpty)
        #expect(try fixture.attempts().isEmpty)
        #expect(fixture.simulator.mainPrompt(.puretalk, id: id) != "Preview only.")
    }

    @Test func aRedactionMarkIsNeverSentAndAReasonIsRequired() async throws {
        let fixture = try await PromptWriteFixture()
        let (label, _) = fixture.firstAssistant(.telnyx)
        let marked = try await fixture.ask(
            "set-prompt",
            Self.setPrompt(label, "Call [redacted:hmac-sha256:0123456789abcdef] for help.")
        )
        #expect(marked["error"]?["code"] == "write_failed")
        #expect(marked["error"]?["message"]?.stringValue?.contains("redaction mark") == true)
        let blank = try await fixture.ask("set-prompt", Self.setPrompt(label, "Fine.", reason: "  "))
        #expect(blank["error"]?["code"] == "bad_request")
        #expect(fixture.simulator.writes.isEmpty)
    }

    @Test func logsHoldNeitherTheKeyNorThePrompt() async throws {
        let fixture = try await PromptWriteFixture()
        let prompt = "Quokka-marker prompt text that must stay out of the logs."
        for provider in SimulatedProvider.builtIn {
            _ = try await fixture.ask("set-prompt", Self.setPrompt(fixture.firstAssistant(provider).label, prompt))
        }
        #expect(fixture.simulator.writes.count == 4)
        let lines = fixture.log.all
        #expect(lines.contains { $0.contains("prompt write") && $0.contains("outcome=written") })
        #expect(!lines.contains { $0.contains("Quokka-marker") })
        for key in fixture.keys { #expect(!lines.contains { $0.contains(key) }) }
    }

    @Test func anEditedWriteAttemptIsCaughtByVerify() async throws {
        let fixture = try await PromptWriteFixture(write: false)
        _ = try await fixture.ask("set-prompt", Self.setPrompt(fixture.firstAssistant(.invent).label, "Refused."))
        let seq = try #require(try fixture.attempts().first?["seq"]?.intValue)
        #expect(try fixture.reader().verifyChain().isIntact)
        let connection = try Connection(path: fixture.store.path, mode: .readWrite)
        try connection.execute("DROP TRIGGER prompt_writes_are_append_only_update")
        try connection.execute("UPDATE prompt_writes SET outcome = 'written' WHERE seq = ?", [seq])
        let verification = try fixture.reader().verifyChain()
        #expect(verification.problem?.seq == seq)
        #expect(verification.problem?.reason.contains("write attempt") == true)
    }
}
