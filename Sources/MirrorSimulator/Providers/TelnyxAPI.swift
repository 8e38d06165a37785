import Foundation

/// Telnyx (seed 003; research/providers.md §3): `GET /ai/assistants?page[number]&page[size]`, Bearer,
/// `{data, meta}` where `meta` is undocumented (telnyx-go#201) and may be absent, 100 per page by default.
/// Records (`InferenceEmbedding`) have `created_at` but no `updated_at`.
struct TelnyxAPI: ProviderWireFormat {
    static let defaultPageSize = 100
    /// Shown in `x-ratelimit-limit`; the simulator reports but does not enforce it.
    static let rateLimitPerMinute = 2000

    let provider = SimulatedProvider.telnyx
    let sendsMeta: Bool
    let listPath = "/ai/assistants"
    let idKey = "id"
    let mainPromptPath: SimulatedFieldPath = "instructions"
    let updatedAtKey: String? = nil

    var servesOnlyFirstPage: Bool { !sendsMeta }

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool {
        hasBearerToken(request, apiKey)
    }

    /// Telnyx v2 errors: `{"errors":[{"code","title","detail"}]}`; 10011 is the documented 429 code.
    func errorResponse(status: Int, message: String) -> HTTPResponse {
        let (code, title): (String, String) =
            switch status {
            case 401: ("10009", "Authentication failed")
            case 404: ("10005", "Resource not found")
            case 422: ("10015", "Invalid parameter")
            case 429: ("10011", "Too many requests")
            default: ("10007", HTTPResponse.reasonPhrase(for: status))
            }
        return .json(["errors": [["code": code, "title": title, "detail": message]]], status: status)
    }

    func notFoundResponse(id: String) -> HTTPResponse {
        errorResponse(status: 404, message: "The requested resource or URL could not be found.")
    }

    func listParameters(_ query: [String: String]) -> ListParameters {
        listParameters(query, defaultSize: Self.defaultPageSize)
    }

    /// `page[number]` and `page[size]`, as every Telnyx list reads them (the audit log too).
    func listParameters(_ query: [String: String], defaultSize: Int) -> ListParameters {
        pageRequest(
            query,
            numberKey: "page[number]",
            sizeKey: "page[size]",
            defaultSize: defaultSize,
            invalidStatus: 422
        )
    }

    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse {
        var body: [String: Any] = ["data": items.map(\.foundationObject)]
        if sendsMeta {
            body["meta"] = [
                "total_pages": (total + page.size - 1) / page.size, "total_results": total,
                "page_number": page.number, "page_size": page.size,
            ]
        }
        return .json(body)
    }

    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(["data": record.foundationObject])
    }

    /// `POST`, not PATCH (seed 003); the SDK adds `promote_to_main` and `version_name`, which are not stored.
    let updateMethod = "POST"
    let updatableMembers: Set<String> = [
        "name", "model", "instructions", "tools", "description", "greeting", "llm_api_key_ref", "voice_settings",
        "transcription", "telephony_settings", "messaging_settings", "enabled_features", "insight_settings",
        "dynamic_variables_webhook_url", "dynamic_variables",
    ]
    let updateOnlyMembers: Set<String> = ["promote_to_main", "version_name"]

    /// Seed 003's 422: FastAPI's validation error, `{"detail": [{"loc", "msg", "type"}]}`.
    func invalidBodyResponse(member: String?, message: String) -> HTTPResponse {
        let location: [Any] = ["body"] + (member.map { [$0] } ?? [])
        return .json(["detail": [["loc": location, "msg": message, "type": "value_error"]]], status: 422)
    }

    func newID(_ random: inout SeededRandom) -> String {
        "assistant-" + random.uuid()
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
        var tools: [SimulatedJSON] = [
            [
                "type": "webhook",
                "webhook": [
                    "name": "lookup_customer",
                    "description": "Look the caller up in the CRM by phone number.",
                    "url": .string("https://crm.example.test/api/v1/customers/\(random.hex(count: 6))"),
                    "method": "POST",
                    "headers": [
                        ["name": "Authorization", "value": .string("Bearer \(random.alphanumeric(count: 32))")]
                    ],
                    "body_parameters": [
                        "type": "object", "required": ["phone"],
                        "properties": ["phone": ["type": "string", "description": "E.164 number of the caller."]],
                    ],
                ],
            ],
            ["type": "hangup", "hangup": ["description": "Hang up when the caller says goodbye."]],
        ]
        if variant % 3 == 2 {
            tools.append([
                "type": "transfer",
                "transfer": [
                    "targets": [["name": "Front desk", "to": .string("+1312555\(random.int(in: 1000...9999))")]],
                    "from": .string("+1312555\(random.int(in: 1000...9999))"),
                ],
            ])
        }
        let voice = random.pick([
            "Telnyx.KokoroTTS.af_heart", "Telnyx.NaturalHD.astra", "ElevenLabs.eleven_multilingual_v2.Rachel",
        ])
        return [
            "id": .string(id),
            "name": .string(persona.name),
            "created_at": .string(timestamp(createdAt)),
            "model": .string(
                random.pick(["openai/gpt-4o", "meta-llama/Meta-Llama-3.1-70B-Instruct", "anthropic/claude-3-5-haiku"])
            ),
            "instructions": .string(persona.prompt),
            "greeting": .string(persona.greeting),
            "description": .string("Voice assistant: \(persona.name)"),
            "tools": .array(tools),
            "llm_api_key_ref": nil,
            "voice_settings": [
                "voice": .string(voice), "api_key_ref": voice.hasPrefix("ElevenLabs") ? "elevenlabs_key" : nil,
            ],
            "transcription": ["model": .string(random.pick(["deepgram/nova-3", "openai/whisper-large-v3-turbo"]))],
            "telephony_settings": [
                "default_texml_app_id": .string(String(random.int(in: 1_000_000_000...9_999_999_999)))
            ],
            "enabled_features": variant % 2 == 0 ? ["telephony"] : ["telephony", "messaging"],
            "dynamic_variables": ["caller_tier": "standard", "locale": .string(persona.language)],
        ]
    }

    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath] {
        record["greeting"] == nil ? [] : ["greeting"]
    }

    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON) {
        switch random.int(in: 0...2) {
        case 0:
            let models: [SimulatedJSON] = [
                "openai/gpt-4o", "meta-llama/Meta-Llama-3.1-70B-Instruct", "anthropic/claude-3-5-haiku",
            ]
            return ("model", different(from: record["model"], in: models, random: &random))
        case 1:
            let voices: [SimulatedJSON] = [
                "Telnyx.KokoroTTS.af_heart", "Telnyx.NaturalHD.astra", "Telnyx.KokoroTTS.am_adam",
            ]
            return (
                "voice_settings.voice",
                different(from: record.value(at: "voice_settings.voice"), in: voices, random: &random)
            )
        default:
            let descriptions: [SimulatedJSON] = [
                "Answers the main line after hours.", "Handles overflow calls during the day.",
                "Pilot for the new IVR.",
            ]
            return ("description", different(from: record["description"], in: descriptions, random: &random))
        }
    }
}
