import Foundation

/// Invent (seed 001; research/providers.md §2): `GET /orgs/{org}/assistants?page&take`, Bearer, a bare JSON
/// array with `pagination-*` headers; `take` defaults to and may not exceed 100. Nested actions carry their
/// own `updated_at`, which moves without the parent's.
struct InventAPI: ProviderWireFormat {
    static let maximumTake = 100

    let provider = SimulatedProvider.invent
    let org: String
    let idKey = "id"
    let mainPromptPath: SimulatedFieldPath = "config.instructions"
    let updatedAtKey: String? = "updated_at"

    var listPath: String { "/orgs/\(org)/assistants" }

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool {
        hasBearerToken(request, apiKey)
    }

    func errorResponse(status: Int, message: String) -> HTTPResponse {
        .json(["message": message], status: status)
    }

    func notFoundResponse(id: String) -> HTTPResponse {
        errorResponse(status: 404, message: "Assistant not found")
    }

    func listParameters(_ query: [String: String]) -> ListParameters {
        let take: Int
        switch positiveInteger(query["take"]) {
        case .absent: take = Self.maximumTake
        case .value(let value) where value <= Self.maximumTake: take = value
        case .value(let value):
            return .rejected(errorResponse(status: 400, message: "take must not be greater than 100 (got \(value))"))
        case .invalid(let text):
            return .rejected(errorResponse(status: 400, message: "take must be a positive integer (got '\(text)')"))
        }
        switch positiveInteger(query["page"]) {
        case .absent: return .page(PageRequest(number: 1, size: take))
        case .value(let number): return .page(PageRequest(number: number, size: take))
        case .invalid(let text):
            return .rejected(errorResponse(status: 400, message: "page must be a positive integer (got '\(text)')"))
        }
    }

    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse {
        .json(
            items.map(\.foundationObject),
            headers: [
                ("pagination-count", String(total)), ("pagination-page", String(page.number)),
                ("pagination-take", String(page.size)),
            ]
        )
    }

    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(record.foundationObject)
    }

    let updateMethod = "PATCH"
    /// Seed 001's body (`boards` is left out: the simulated records have none); replies with the assistant.
    let updatableMembers: Set<String> = ["name", "enabled", "avatar_id", "config"]

    func newID(_ random: inout SeededRandom) -> String {
        "ast_" + random.alphanumeric(count: 24)
    }

    func timestamp(_ micros: Int64) -> String {
        WireTimestamp.milliseconds(micros)
    }

    func makeRecord(
        id: String,
        persona: SimulatedPersona,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        random: inout SeededRandom
    ) -> SimulatedJSON {
        let created = SimulatedJSON.string(timestamp(createdAt))
        let updated = SimulatedJSON.string(timestamp(updatedAt))
        let actions: [SimulatedJSON] = persona.tasks.enumerated().map { position, task in
            let isHTTP = position == 0 || random.chance(0.5)
            let input: SimulatedJSON =
                isHTTP
                ? [
                    "url": .string("https://hooks.example.test/invent/\(random.hex(count: 8))"), "method": "POST",
                    "headers": ["Authorization": .string("Bearer \(random.alphanumeric(count: 32))")],
                ]
                : ["max_results": 5]
            return [
                "id": .string("act_" + random.alphanumeric(count: 20)),
                "enabled": true,
                "name": .string(task.name),
                "instructions": .string(task.prompt),
                "action_id": isHTTP ? "TOOLS:HTTP_REQUEST" : "TOOLS:WEB_SEARCH",
                "assistant_id": .string(id),
                "connection_id": nil,
                "config": [
                    "input": input,
                    "definitions": [
                        [
                            "path": "body.reference",
                            "definition": ["type": "string", "description": "Booking reference"],
                        ]
                    ],
                ],
                "position": .integer(position),
                "created_at": created,
                "updated_at": updated,
            ]
        }
        let integrationKind = random.pick(["internal", "whatsapp", "hubspot"])
        let integrationConfig: SimulatedJSON =
            integrationKind == "hubspot" ? ["api_token": .string("pat-na1-\(random.uuid())")] : [:]
        return [
            "id": .string(id),
            "name": .string(persona.name),
            "enabled": .bool(variant % 5 != 4),
            "deleted": false,
            "secret_key": .string(random.alphanumeric(count: 40)),
            "avatar_url": variant % 2 == 0
                ? .string("https://cdn.useinvent.example/avatars/\(random.hex(count: 10)).png") : nil,
            "config": [
                "language": variant % 3 == 0 ? "auto" : .string(String(persona.language.prefix(2))),
                "model": .string(random.pick(["gpt-4o-mini", "gpt-4.1", "claude-3-5-haiku"])),
                "knowledge_scope": "all",
                "timezone": .string(persona.timezone),
                "instructions": .string(persona.prompt),
                "stt": ["model": "whisper-1"],
                "tts": ["model": "eleven_turbo_v2_5", "voice_id": .string(random.alphanumeric(count: 20))],
                "conversation": [
                    "thread_mode": "new",
                    "enable_memories": .bool(random.chance(0.5)),
                    "enable_transfer_to_human_tool": true,
                    "welcome_banner": .string(persona.greeting),
                    "suggested_messages": .array(persona.suggestedMessages.map(SimulatedJSON.string)),
                    "auto_intro_message": .string(persona.greeting),
                    "enable_end_conversation_tool": true,
                    "enable_block_contact_tool": false,
                    "enable_auto_resolve": .bool(random.chance(0.5)),
                    "enable_auto_follow_ups": false,
                    "enable_auto_csat": .bool(random.chance(0.3)),
                    "enable_private_chats": false,
                    "enable_update_contact_tool": true,
                ],
            ],
            "integrations": [
                [
                    "id": .string("int_" + random.alphanumeric(count: 20)),
                    "enabled": true,
                    "integration_id": .string(integrationKind),
                    "assistant_id": .string(id),
                    "connection_id": integrationKind == "internal"
                        ? nil : .string("con_" + random.alphanumeric(count: 20)),
                    "config": integrationConfig,
                    "error": nil,
                    "created_at": created,
                    "updated_at": created,
                ]
            ],
            "actions": .array(actions),
            "created_at": created,
            "updated_at": updated,
        ]
    }

    /// `config.conversation.auto_intro_message` is prompt-like too, but the brief asks for the actions.
    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath] {
        guard case .array(let actions)? = record["actions"] else { return [] }
        return actions.indices.map { SimulatedFieldPath(components: ["actions", String($0), "instructions"]) }
    }

    func ownTimestampPath(forNestedPrompt path: SimulatedFieldPath) -> SimulatedFieldPath? {
        guard path.components.count == 3, path.components[0] == "actions" else { return nil }
        return SimulatedFieldPath(components: ["actions", path.components[1], "updated_at"])
    }

    /// An action edited on its own endpoint moves only the action's `updated_at` (research/providers.md §2.5).
    func nestedEditBumpsParent(random: inout SeededRandom) -> Bool {
        false
    }

    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON) {
        switch random.int(in: 0...3) {
        case 0:
            let models: [SimulatedJSON] = ["gpt-4o-mini", "gpt-4.1", "claude-3-5-haiku"]
            return ("config.model", different(from: record.value(at: "config.model"), in: models, random: &random))
        case 1:
            return ("enabled", .bool(record["enabled"] != .bool(true)))
        case 2:
            // A rotated secret: the mirror must notice it without storing it.
            return ("secret_key", .string(random.alphanumeric(count: 40)))
        default:
            return ("config.tts.voice_id", .string(random.alphanumeric(count: 20)))
        }
    }
}
