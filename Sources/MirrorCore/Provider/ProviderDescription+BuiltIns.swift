import Foundation

/// The four providers the mirror ships, written as descriptions (research/providers.md; design.md's
/// provider table). `assistant-mirror providers` prints them in the configuration's syntax.
extension ProviderDescription {
    public static let builtIns: [ProviderDescription] = [puretalk, invent, telnyx, interactly]

    /// Django REST Framework's page-number envelope `{count, next, previous, results}` (§1.1); GET-one
    /// and PATCH wrap the record as `{msg, err, results}` (§1.2).
    static let puretalk: ProviderDescription = {
        var description = ProviderDescription(
            name: .puretalk,
            listPath: "/ai-assistants",
            getPath: "/ai-assistants/{id}",
            idPath: "assistant_id",
            promptPath: "prompt"
        )
        description.baseURL = URL(string: "https://api.puretalk.ai/api")
        description.getItem = "results"
        description.authHeader = "X-API-KEY"
        description.authScheme = nil
        description.paging = .next
        description.pageParameter = "page"
        description.sizeParameter = "limit"
        description.items = "results"
        description.totalField = "count"
        description.nextField = "next"
        description.modelPath = "model"
        description.voicePath = "voice.name"
        description.greetingPath = "begin_message"
        // Multi-task assistants keep prompts in llm_states, whose children nest recursively.
        description.prompts = patterns(
            "begin_message",
            "chatbot_begin_message",
            "post_analysis",
            "llm_states[*].**.prompt"
        )
        description.updatedAt = patterns("updated_at")
        description.ownerHint = "owner {user.email}"
        description.hooks = [.nextURLPageNumber]
        description.update = UpdateCall(method: "PATCH", path: "/ai-assistants/{id}", promptPath: "prompt")
        return description
    }()

    /// A bare JSON array with the total in the `pagination-count` header, `take` ≤ 100 (§2.3).
    static let invent: ProviderDescription = {
        var description = ProviderDescription(
            name: .invent,
            listPath: "/orgs/{org}/assistants",
            getPath: "/orgs/{org}/assistants/{id}",
            promptPath: "config.instructions"
        )
        description.baseURL = URL(string: "https://api.useinvent.com")
        description.paging = .page
        description.pageParameter = "page"
        description.sizeParameter = "take"
        description.totalHeader = "pagination-count"
        description.requestsPerMinute = 500
        description.modelPath = "config.model"
        description.voicePath = "config.tts.voice_id"
        description.greetingPath = "config.conversation.auto_intro_message"
        description.prompts = patterns(
            "actions[*].instructions",
            "config.conversation.auto_intro_message",
            "config.conversation.welcome_banner",
            "config.conversation.suggested_messages[*]"
        )
        description.updatedAt = patterns("updated_at", "actions[*].updated_at", "integrations[*].updated_at")
        // A board's contact counter moves without anyone editing the assistant (issue 15).
        description.volatile = patterns("boards[*].initial_segment.contacts_count")
        description.deletedFlag = "deleted"
        description.ownerHint = "org {org}"
        description.update = UpdateCall(
            method: "PATCH",
            path: "/orgs/{org}/assistants/{id}",
            promptPath: "config.instructions"
        )
        return description
    }()

    /// `{data, meta: {total_pages, …}}`; the paging is known only from team-telnyx/telnyx-go#201 and
    /// without parameters the endpoint silently returns the first 100 (§3).
    static let telnyx: ProviderDescription = {
        var description = ProviderDescription(
            name: .telnyx,
            listPath: "/ai/assistants",
            getPath: "/ai/assistants/{id}",
            promptPath: "instructions"
        )
        description.baseURL = URL(string: "https://api.telnyx.com/v2")
        description.getItem = "data"
        description.paging = .page
        description.pageParameter = "page[number]"
        description.sizeParameter = "page[size]"
        description.items = "data"
        description.totalPagesField = "meta.total_pages"
        description.modelPath = "model"
        description.voicePath = "voice_settings.voice"
        description.greetingPath = "greeting"
        // The conversation flow's nodes may carry prompts of their own (§3.3).
        description.prompts = patterns("greeting", "conversation_flow.**")
        description.hooks = [.singlePageWithoutTotal]
        description.update = UpdateCall(method: "POST", path: "/ai/assistants/{id}", promptPath: "instructions")
        // developers.telnyx.com, List Audit Logs: best-effort and eventually consistent.
        description.auditLogPath = "/audit_events"
        return description
    }()

    /// The list is undocumented (§4.1): the default follows the platform's calls list, `page`/`size`
    /// answering `{totalCount, …}`; an account or a `[provider "interactly"]` section overrides it.
    static let interactly: ProviderDescription = {
        var description = ProviderDescription(
            name: .interactly,
            listPath: "/assistants/v1/assistants",
            getPath: "/assistants/v1/assistants/{id}",
            idPath: "_id",
            promptPath: "assistantSystemPrompt"
        )
        description.baseURL = URL(string: "https://api-prod.interactly.ai")
        description.getItem = "data"
        description.paging = .page
        description.pageParameter = "page"
        description.sizeParameter = "size"
        description.items = "assistants"
        description.totalField = "totalCount"
        description.modelPath = "assistantModel"
        description.voicePath = "config.speech.ttsData[0].voice"
        description.greetingPath = "welcomeMessage"
        description.prompts = patterns(
            "welcomeMessage",
            "endCallMessage",
            "endCallToolDescription",
            "assistantAnalysis.**.prompt"
        )
        description.updatedAt = patterns("updatedAt")
        description.ownerHint = "team {teamId}"
        description.update = UpdateCall(
            method: "PATCH",
            path: "/assistants/v1/assistants/{id}",
            promptPath: "assistantSystemPrompt",
            // Seed 004 marks `name` required in the update body, so it travels with the prompt.
            carry: ["name"]
        )
        return description
    }()

    private static func patterns(_ texts: String...) -> [PathPattern] {
        texts.map { PathPattern($0)! }
    }
}
