import Foundation

/// An OpenAI-Assistants-shaped API (platform.openai.com/docs/api-reference/assistants), served only when
/// `Options.servesOpenAIStyle` is set: `GET /v1/assistants?limit&order&after` (cursor paging by the last id;
/// `limit` 1–100, default 20; `order` by `created_at`, default `desc`) → `{object: "list", data, first_id,
/// last_id, has_more}`, Bearer, errors `{error: {message, type, param, code}}`. Records carry `created_at` in
/// Unix seconds and no `updated_at`; the prompt is `instructions`; `metadata` holds a webhook token (a secret).
struct OpenAIStyleAPI: ProviderWireFormat {
    static let defaultLimit = 20
    static let maximumLimit = 100

    let provider = SimulatedProvider.openAIStyle
    let listPath = "/v1/assistants"
    let idKey = "id"
    let mainPromptPath: SimulatedFieldPath = "instructions"
    let updatedAtKey: String? = nil

    func isAuthorized(_ request: HTTPRequest, apiKey: String) -> Bool {
        hasBearerToken(request, apiKey)
    }

    func errorResponse(status: Int, message: String) -> HTTPResponse {
        let type =
            switch status {
            case 429: "requests"
            case 500...: "server_error"
            default: "invalid_request_error"
            }
        return error(
            status: status,
            message: message,
            type: type,
            param: nil,
            code: status == 401 ? "invalid_api_key" : nil
        )
    }

    func notFoundResponse(id: String) -> HTTPResponse {
        error(
            status: 404,
            message: "No assistant found with id '\(id)'.",
            type: "invalid_request_error",
            param: nil,
            code: nil
        )
    }

    private func error(status: Int, message: String, type: String, param: String?, code: String?) -> HTTPResponse {
        let body: [String: Any] = [
            "message": message, "type": type, "param": param ?? NSNull(), "code": code ?? NSNull(),
        ]
        return .json(["error": body], status: status)
    }

    func listParameters(_ query: [String: String]) -> ListParameters {
        var page = PageRequest(number: 1, size: Self.defaultLimit, after: query["after"], newestFirst: true)
        switch positiveInteger(query["limit"]) {
        case .absent: break
        case .value(let limit) where limit <= Self.maximumLimit: page.size = limit
        case .value(let limit): return .rejected(invalidLimit(String(limit)))
        case .invalid(let text): return .rejected(invalidLimit(text))
        }
        switch query["order"] {
        case nil, "desc": break
        case "asc": page.newestFirst = false
        case let order?:
            return .rejected(invalidParameter("order", "Invalid 'order': expected 'asc' or 'desc', got '\(order)'."))
        }
        return .page(page)
    }

    private func invalidLimit(_ text: String) -> HTTPResponse {
        invalidParameter(
            "limit",
            "Invalid 'limit': expected an integer between 1 and \(Self.maximumLimit), got '\(text)'."
        )
    }

    func invalidParameter(_ name: String, _ message: String) -> HTTPResponse {
        error(status: 400, message: message, type: "invalid_request_error", param: name, code: nil)
    }

    func listResponse(items: [SimulatedJSON], total: Int, page: PageRequest, context: ListContext) -> HTTPResponse {
        let ids = items.compactMap { $0[idKey]?.stringValue }
        let reply: SimulatedJSON = [
            "object": "list", "data": .array(items), "first_id": ids.first.map(SimulatedJSON.string) ?? .null,
            "last_id": ids.last.map(SimulatedJSON.string) ?? .null, "has_more": .bool(context.hasMore),
        ]
        return .json(reply.foundationObject)
    }

    func singleResponse(_ record: SimulatedJSON) -> HTTPResponse {
        .json(record.foundationObject)
    }

    /// "Modify assistant": `POST /v1/assistants/{id}`, replies with the assistant.
    let updateMethod = "POST"
    let updatableMembers: Set<String> = [
        "model", "name", "description", "instructions", "tools", "tool_resources", "metadata", "temperature", "top_p",
        "response_format",
    ]

    /// OpenAI answers an unknown or mistyped argument with 400 and names it in `param`.
    func invalidBodyResponse(member: String?, message: String) -> HTTPResponse {
        error(status: 400, message: message, type: "invalid_request_error", param: member, code: nil)
    }

    func newID(_ random: inout SeededRandom) -> String {
        "asst_" + random.alphanumeric(count: 24)
    }

    /// Unix seconds, as the Assistants API writes `created_at`.
    func timestamp(_ micros: Int64) -> String {
        String(micros / 1_000_000)
    }

    func makeRecord(
        id: String,
        persona: SimulatedPersona,
        variant: Int,
        createdAt: Int64,
        updatedAt: Int64,
        random: inout SeededRandom
    ) -> SimulatedJSON {
        var tools: [SimulatedJSON] = [["type": "file_search"]]
        for task in persona.tasks.prefix(2) {
            let name = task.name.lowercased().filter { $0.isLetter || $0 == " " }.replacingOccurrences(
                of: " ",
                with: "_"
            )
            tools.append([
                "type": "function",
                "function": [
                    "name": .string(name.isEmpty ? "task_\(tools.count)" : String(name.prefix(40))),
                    "description": .string(task.prompt),
                    "parameters": ["type": "object", "properties": [:], "required": []],
                    "strict": false,
                ],
            ])
        }
        return [
            "id": .string(id),
            "object": "assistant",
            "created_at": .integer(Int(createdAt / 1_000_000)),
            "name": .string(persona.name),
            "description": variant % 3 == 0 ? nil : .string("Assistant for \(persona.name)"),
            "model": .string(random.pick(["gpt-4o", "gpt-4o-mini", "gpt-4.1"])),
            "instructions": .string(persona.prompt),
            "tools": .array(tools),
            "tool_resources": ["file_search": ["vector_store_ids": [.string("vs_" + random.alphanumeric(count: 24))]]],
            "metadata": [
                "team": .string(random.pick(["support", "sales", "operations"])),
                "locale": .string(persona.language),
                // Metadata values are free strings (max 512 chars): people do park secrets there.
                "webhook_token": .string("whsec_" + random.alphanumeric(count: 32)),
            ],
            "temperature": .number(Double(random.int(in: 2...10)) / 10),
            "top_p": 1.0,
            "response_format": "auto",
        ]
    }

    func nestedPromptPaths(in record: SimulatedJSON) -> [SimulatedFieldPath] {
        guard case .array(let tools)? = record["tools"] else { return [] }
        return tools.indices.compactMap { index in
            let path = SimulatedFieldPath(components: ["tools", String(index), "function", "description"])
            return record.value(at: path)?.stringValue == nil ? nil : path
        }
    }

    func fieldEdit(
        of record: SimulatedJSON,
        random: inout SeededRandom
    ) -> (path: SimulatedFieldPath, value: SimulatedJSON) {
        switch random.int(in: 0...2) {
        case 0:
            return (
                "model", different(from: record["model"], in: ["gpt-4o", "gpt-4o-mini", "gpt-4.1"], random: &random)
            )
        case 1:
            return ("temperature", different(from: record["temperature"], in: [0.2, 0.5, 0.7, 1.0], random: &random))
        default:
            // A rotated webhook token: the mirror must notice it without storing it.
            return ("metadata.webhook_token", .string("whsec_" + random.alphanumeric(count: 32)))
        }
    }
}
