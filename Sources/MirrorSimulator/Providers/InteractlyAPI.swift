import Foundation

/// Interactly (seed 004; research/providers.md §4): GET-one `/assistants/v1/assistants/{id}` is documented, the
/// list is not. Assumed: `GET /assistants/v1/assistants?page&size` (1-based, size 10) → `{totalCount,
/// assistants}`, like the calls list; every name is configurable through `InteractlyShape`.
struct InteractlyAPI: ProviderWireFormat {
    static let defaultSize = 10

    let provider = SimulatedProvider.interactly
    let shape: InteractlyShape
    let idKey = "_id"
    let mainPromptPath: SimulatedFieldPath = "assistantSystemPrompt"
    let updatedAtKey: String? = "updatedAt"

    var listPath: String { shape.listPath }

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool {
        hasBearerToken(request, apiKey)
    }

    func errorResponse(status: Int, message: String) -> HTTPResponse {
        .json(
            ["statusCode": status, "message": message, "error": HTTPResponse.reasonPhrase(for: status)],
            status: status
        )
    }

    func notFoundResponse(id: String) -> HTTPResponse {
        errorResponse(status: 404, message: "Assistant not found")
    }

    func listParameters(_ query: [String: String]) -> ListParameters {
        let requested = pageRequest(
            query,
            numberKey: shape.pageParameter,
            sizeKey: shape.sizeParameter,
            defaultSize: Self.defaultSize,
            invalidStatus: 400
        )
        guard case .page(var page) = requested, let cap = shape.maximumSize else { return requested }
        page.size = min(page.size, cap)
        return .page(page)
    }

    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse {
        let array = SimulatedJSON.array(items)
        guard shape.envelope == .object else { return .json(array.foundationObject) }
        var envelope = SimulatedJSON.object([:])
        envelope.set(.integer(total), at: SimulatedFieldPath(dotted: shape.totalKey))
        envelope.set(array, at: SimulatedFieldPath(dotted: shape.itemsKey))
        return .json(envelope.foundationObject)
    }

    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(record.foundationObject)
    }

    let updateMethod = "PATCH"
    /// Seed 004's body: every member of the record but the server-owned ones; `name` is marked required.
    let updatableMembers: Set<String> = [
        "name", "welcomeMessage", "welcomeMessageMode", "welcomeMessageInterruptionsEnabled", "assistantProvider",
        "assistantModel", "assistantLLMUrl", "assistantSystemPrompt", "assistantTemperature", "assistantMaxTokens",
        "assistantResponseSplitter", "config", "hints", "backgroundSound", "backgroundSoundVolume",
        "assistantBackchannelingEnabled", "dtmfInputEnabled", "maxCallDuration", "idleTimeout",
        "maxIdleMessagesInSequence", "assistantToolIds", "assistantPredefinedTools", "assistantKnowledgeBaseIds",
        "endCallMessage", "endCallToolDescription", "endCallPhrases", "assistantAnalysis", "assistantServer",
    ]
    let requiredUpdateMembers = ["name"]

    /// NestJS's ValidationPipe: 400 with `message` as a list of complaints.
    func invalidBodyResponse(member: String?, message: String) -> HTTPResponse {
        .json(["statusCode": 400, "message": [message], "error": "Bad Request"], status: 400)
    }

    /// MongoDB ObjectId style: 24 hex digits.
    func newID(_ random: inout SeededRandom) -> String {
        random.hex(count: 24)
    }

    func timestamp(_ micros: Int64) -> String {
        WireTimestamp.milliseconds(micros)
    }

    /// All seeded assistants belong to one team, as they would under one API key.
    private static let teamID = "66f0c1a2b3c4d5e6f7a8b9c0"

    func makeRecord(
        id: String,
        persona: SimulatedPersona,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        random: inout SeededRandom
    ) -> SimulatedJSON {
        // One assistant uses a custom LLM whose URL carries credentials (research/providers.md §4.2).
        let usesCustomLLM = variant == 0
        let provider: SimulatedJSON =
            usesCustomLLM ? "custom-llm" : .string(random.pick(["openai", "azure", "gemini"]))
        let model: SimulatedJSON =
            switch provider {
            case "gemini": "gemini-1.5-flash"
            case "custom-llm": "llama-3.1-70b"
            default: .string(random.pick(["gpt-4o-mini", "gpt-4o"]))
            }
        return [
            "_id": .string(id),
            "teamId": .string(Self.teamID),
            "name": .string(persona.name),
            "welcomeMessage": .string(persona.greeting),
            "welcomeMessageMode": .string(random.pick(["assistant-speaks-first", "automatic"])),
            "welcomeMessageInterruptionsEnabled": false,
            "assistantProvider": provider,
            "assistantModel": model,
            "assistantLLMUrl": usesCustomLLM ? "https://svc-user:s3cr3t-pass@llm.example.test/v1" : "",
            "assistantSystemPrompt": .string(persona.prompt),
            "assistantTemperature": .number(Double(random.int(in: 0...7)) / 10),
            "assistantMaxTokens": 256,
            "assistantResponseSplitter": ",",
            "config": [
                "speech": [
                    "stt": ["vendor": "microsoft", "languages": .string(persona.language)],
                    "ttsData": [
                        [
                            "vendor": "eleven-labs", "language": .string(persona.language),
                            "voice": .string(random.alphanumeric(count: 20)),
                        ]
                    ],
                ]
            ],
            "hints": .array(persona.suggestedMessages.prefix(2).map(SimulatedJSON.string)),
            "backgroundSound": "disable",
            "backgroundSoundVolume": 50,
            "assistantBackchannelingEnabled": false,
            "dtmfInputEnabled": .bool(random.chance(0.3)),
            "maxCallDuration": 30,
            "idleTimeout": .integer(random.pick([10, 20, 30])),
            "maxIdleMessagesInSequence": 3,
            "assistantToolIds": [],
            "assistantPredefinedTools": [
                "knowledgeBase": false, "endCall": true, "appointment": false, "volumeControl": false,
                "waitList": false, "callForward": false,
            ],
            "assistantKnowledgeBaseIds": [],
            "endCallMessage": .string(persona.farewell),
            "endCallToolDescription": "Trigger the end call only when the user is done with the conversation.",
            "endCallPhrases": ["goodbye", "bye"],
            "assistantAnalysis": [
                "summary": ["enabled": true, "prompt": "Summarise the call in two sentences.", "timeoutSeconds": 30],
                "successEvaluation": [
                    "enabled": .bool(random.chance(0.5)),
                    "prompt": "Did the caller get what they called for? Answer 1–10.", "rubric": "NumericScale",
                    "timeoutSeconds": 30,
                ],
                "structuredData": [
                    "enabled": false, "prompt": "Extract the caller's name and callback number.",
                    "timeoutSeconds": 30,
                    "schema": [
                        "type": "object",
                        "properties": [
                            "name": ["type": "string", "description": "The caller's name."],
                            "phone": ["type": "string", "description": "Callback number."],
                        ],
                    ],
                ],
            ],
            "assistantServer": [
                "url": .string("https://hooks.example.test/interactly/\(random.hex(count: 8))"),
                "timeoutSeconds": 20,
                "secret": .string(random.alphanumeric(count: 24)),
                "headers": ["X-Api-Key": .string(random.alphanumeric(count: 32))],
                "enabled": true,
                "messages": ["status-update", "end-of-call-report"],
            ],
            "createdAt": .string(timestamp(createdAt)),
            "updatedAt": .string(timestamp(updatedAt)),
        ]
    }

    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath] {
        let candidates: [SimulatedFieldPath] = [
            "welcomeMessage", "assistantAnalysis.summary.prompt", "assistantAnalysis.successEvaluation.prompt",
            "assistantAnalysis.structuredData.prompt",
        ]
        return candidates.filter { record.value(at: $0)?.stringValue != nil }
    }

    /// A document store saves the whole assistant, so `updatedAt` moves with any change.
    func nestedEditBumpsParent(random: inout SeededRandom) -> Bool {
        true
    }

    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON) {
        switch random.int(in: 0...2) {
        case 0:
            return (
                "assistantTemperature",
                different(from: record["assistantTemperature"], in: [0.0, 0.2, 0.5, 0.7], random: &random)
            )
        case 1:
            return ("idleTimeout", different(from: record["idleTimeout"], in: [10, 20, 30, 45], random: &random))
        default:
            return ("assistantServer.headers.X-Api-Key", .string(random.alphanumeric(count: 32)))
        }
    }
}
