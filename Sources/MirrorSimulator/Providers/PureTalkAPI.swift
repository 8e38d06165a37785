import Foundation

/// PureTalk (seeds 000 and 002; research/providers.md §1): `GET /ai-assistants?page&limit`, `X-API-KEY`,
/// Django-REST-style `{count, next, previous, results}`, GET-one wrapped in `{msg, err, results}`.
struct PureTalkAPI: ProviderWireFormat {
    static let defaultLimit = 10
    static let maximumLimit = 100

    let provider = SimulatedProvider.puretalk
    let listPath = "/ai-assistants"
    let idKey = "assistant_id"
    let mainPromptPath: SimulatedFieldPath = "prompt"
    let updatedAtKey: String? = "updated_at"
    let loopsThroughNextLink = true

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool {
        request.headers["x-api-key"] == apiKey
    }

    /// `components.schemas.Error = {err: boolean, msg: string}` (delete-task.md).
    func errorResponse(status: Int, message: String) -> HTTPResponse {
        .json(["err": true, "msg": message], status: status)
    }

    func notFoundResponse(id: String) -> HTTPResponse {
        errorResponse(status: 404, message: "AI Assistant not found")
    }

    /// `page` defaults to 1 (a bad one is Django's 404 "Invalid page."); `limit` defaults to 10, capped at 100.
    func listParameters(_ query: [String: String]) -> ListParameters {
        let limit: Int
        switch positiveInteger(query["limit"]) {
        case .value(let value): limit = min(value, Self.maximumLimit)
        case .absent, .invalid: limit = Self.defaultLimit
        }
        switch positiveInteger(query["page"]) {
        case .absent: return .page(PageRequest(number: 1, size: limit))
        case .value(let number): return .page(PageRequest(number: number, size: limit))
        case .invalid: return .rejected(errorResponse(status: 404, message: "Invalid page."))
        }
    }

    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse {
        let lastPage = max(1, (total + page.size - 1) / page.size)
        guard page.number <= lastPage else { return errorResponse(status: 404, message: "Invalid page.") }
        let next: Any
        if context.loopsNext {
            next = link(context, page: page.number)
        } else {
            next = page.number < lastPage ? link(context, page: page.number + 1) : NSNull()
        }
        let previous: Any = page.number > 1 ? link(context, page: page.number - 1) : NSNull()
        return .json([
            "count": total, "next": next, "previous": previous, "results": items.map(\.foundationObject),
        ])
    }

    /// Django REST framework's `replace_query_param`: the client's parameters, sorted, with `page` replaced;
    /// page 1 drops `page` altogether. The trailing slash follows the documented example
    /// (`…/ai-assistants/?page=2`).
    private func link(_ context: ListContext, page: Int) -> String {
        var parameters = context.query
        parameters["page"] = page == 1 ? nil : String(page)
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
        let query = parameters.sorted { $0.key < $1.key }.map { key, value in
            let encodedKey = key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key
            let encodedValue = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(encodedKey)=\(encodedValue)"
        }
        let base = "\(context.apiRoot)\(listPath)/"
        return query.isEmpty ? base : base + "?" + query.joined(separator: "&")
    }

    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(["msg": "AI Assistant fetched successfully", "err": false, "results": record.foundationObject])
    }

    let updateMethod = "PATCH"
    /// The update document's body (seed 000) minus `voice`, which it types as an integer id while the record
    /// holds the expanded voice object.
    let updatableMembers: Set<String> = [
        "who_speaks_first", "name", "prompt", "model", "begin_message", "call_recording_enabled", "assistant_type",
        "avatar", "custom_knowledge_base", "timezone", "reminder_message_frequency", "max_reminder_messages",
        "voice_stability", "voice_clarity_similarity", "voice_stream_latency_optimization", "voice_boost",
        "chatbot_logo", "chatbot_accent_color", "chatbot_faq",
    ]

    /// Seed 000: 200 with `{msg, err, results}`.
    func updateResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(["msg": "AI Assistant updated successfully", "err": false, "results": record.foundationObject])
    }

    func newID(_ random: inout SeededRandom) -> String {
        random.uuid()
    }

    func timestamp(_ micros: Int64) -> String {
        WireTimestamp.microsecondsWithoutZone(micros)
    }

    func makeRecord(
        id: String,
        persona: SimulatedPersona,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        random: inout SeededRandom
    ) -> SimulatedJSON {
        let isMultiTask = variant % 3 == 1
        let owner = random.pick([
            ("Dana Whitfield", "dana.whitfield"), ("Omar Haddad", "omar.haddad"), ("Mei Tanaka", "mei.tanaka"),
        ])
        let voice = random.pick([("Aria", "female"), ("Leo", "male"), ("Noor", "female")])
        let tools: String =
            variant % 4 == 2
            ? #"[{"type":"webhook","name":"lookup_booking","url":"https://hooks.example.test/puretalk/lookup"}]"#
            : "[]"
        return [
            "assistant_id": .string(id),
            "name": .string(persona.name),
            "prompt": .string(persona.prompt),
            "model": .string(random.pick(["puretalk-plg", "gpt-4o-mini", "gpt-4o"])),
            "who_speaks_first": .string(random.pick(["assistant", "user"])),
            "begin_message": .string(persona.greeting),
            "assistant_type": isMultiTask ? "multi_prompt" : "single_prompt",
            "avatar": .string("https://cdn.puretalk.example/avatars/\(random.hex(count: 12)).png"),
            "custom_knowledge_base": "",
            "knowledge_base": nil,
            "timezone": .string(persona.timezone),
            "voice_stability": 0.5,
            "voice_clarity_similarity": 0.75,
            "voice_stream_latency_optimization": .integer(random.int(in: 0...4)),
            "voice_boost": .bool(random.chance(0.3)),
            "voice_speed": 1.0,
            "voice_emotion": [],
            "call_recording_enabled": .bool(random.chance(0.8)),
            "reminder_message_frequency": .integer(random.int(in: 1...3)),
            "max_reminder_messages": .integer(random.int(in: 1...2)),
            "post_analysis": "Summarise the call in three bullet points and flag any complaint.",
            "chatbot_logo": nil,
            "chatbot_accent_color": .string("#\(random.hex(count: 6))"),
            "chatbot_faq": "",
            "chatbot_whitelisted_domains": ["example.com"],
            "chatbot_begin_message": .string(persona.greeting),
            "tools": .string(tools),
            "created_at": .string(timestamp(createdAt)),
            "updated_at": .string(timestamp(updatedAt)),
            "behavior": 1,
            "phone_number": .string("+1555\(random.int(in: 1_000_000...9_999_999))"),
            "variables": [],
            "llm_states": isMultiTask ? .array(llmStates(persona, random: &random)) : [],
            "user": [
                "name": .string(owner.0),
                "dp": .string("https://cdn.puretalk.example/users/\(owner.1).jpg"),
                "email": .string("\(owner.1)@customer.example"),
            ],
            "voice": [
                "voice_id": .string(random.uuid()),
                "name": .string(voice.0),
                "avatar": .string("https://cdn.puretalk.example/voices/\(voice.0.lowercased()).png"),
                "gender": .string(voice.1),
                "demo_audio_url": .string("https://cdn.puretalk.example/voices/\(voice.0.lowercased()).mp3"),
                "is_cloned": false,
                "language": .string(persona.language),
                "description": .string("\(voice.0), warm and calm"),
            ],
        ]
    }

    /// Multi-task assistants keep prompts in `llm_states`, with recursive `children` (add-or-update-task).
    private func llmStates(_ persona: SimulatedPersona, random: inout SeededRandom) -> [SimulatedJSON] {
        var states: [SimulatedJSON] = persona.tasks.map { task in
            [
                "state_id": .string(random.uuid()), "name": .string(task.name), "description": "",
                "prompt": .string(task.prompt), "parameters": [], "tools": [], "children": [],
            ]
        }
        if !states.isEmpty {
            states[0].set(
                [
                    [
                        "state_id": .string(random.uuid()), "name": "Wrap-up", "description": "",
                        "prompt": .string("Summarise what was agreed.\n\(persona.farewell)"), "parameters": [],
                        "tools": [], "children": [],
                    ]
                ],
                at: "children"
            )
        }
        return states
    }

    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath] {
        var paths: [SimulatedFieldPath] = []
        func collect(_ states: SimulatedJSON?, under prefix: SimulatedFieldPath) {
            guard case .array(let elements)? = states else { return }
            for index in elements.indices {
                let statePath = prefix.appending(String(index))
                paths.append(statePath.appending("prompt"))
                collect(elements[index]["children"], under: statePath.appending("children"))
            }
        }
        collect(record["llm_states"], under: "llm_states")
        return paths
    }

    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON) {
        switch random.int(in: 0...3) {
        case 0:
            return (
                "model",
                different(from: record["model"], in: ["puretalk-plg", "gpt-4o-mini", "gpt-4o"], random: &random)
            )
        case 1:
            return ("voice_speed", different(from: record["voice_speed"], in: [0.9, 1.0, 1.1, 1.25], random: &random))
        case 2:
            return ("call_recording_enabled", .bool(record["call_recording_enabled"] != .bool(true)))
        default:
            let zones: [SimulatedJSON] = ["America/New_York", "America/Chicago", "Europe/Berlin", "Asia/Tokyo"]
            return ("timezone", different(from: record["timezone"], in: zones, random: &random))
        }
    }

    /// Multi-task states are edited through their own endpoint; whether that moves the parent is undocumented,
    /// so the simulator does both.
    func nestedEditBumpsParent(random: inout SeededRandom) -> Bool {
        random.chance(0.5)
    }
}
