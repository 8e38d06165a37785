/// Where each provider keeps the fields the mirror lifts into columns, which fields bear prompts, and
/// what hints at who owns an assistant (research/providers.md; design.md's provider table).
public struct ProviderSchema: Sendable {
    /// The provider's main prompt field: `prompt_changes.old_prompt/new_prompt` and `assistants.prompt`.
    public let promptPath: String
    public let namePath: String
    public let modelPath: String?
    public let voicePath: String?
    public let greetingPath: String?
    /// Fields holding the provider's own modification time. The newest wins: Invent's nested actions
    /// and integrations carry their own `updated_at`, which may move without the parent's.
    public let updatedAtPatterns: [String]
    /// True for a path pattern (`actions[*].instructions`) whose field is prompt-bearing.
    public let isPromptBearing: @Sendable (String) -> Bool
    /// What hints at the owner, never presented as the editor (design.md invariant 5).
    public let ownerHint: @Sendable (JSONValue, AccountConfiguration) -> String?

    public static func of(_ kind: ProviderKind) -> ProviderSchema {
        switch kind {
        case .puretalk: puretalk
        case .invent: invent
        case .telnyx: telnyx
        case .interactly: interactly
        }
    }

    static let puretalk = ProviderSchema(
        promptPath: "prompt",
        namePath: "name",
        modelPath: "model",
        voicePath: "voice.name",
        greetingPath: "begin_message",
        updatedAtPatterns: ["updated_at"],
        isPromptBearing: { pattern in
            // Multi-task assistants keep prompts in llm_states, whose children nest recursively.
            ["prompt", "begin_message", "chatbot_begin_message", "post_analysis"].contains(pattern)
                || (pattern.hasPrefix("llm_states[*].") && pattern.hasSuffix(".prompt"))
        },
        ownerHint: { record, _ in record.value(atPath: "user.email")?.stringValue.map { "owner \($0)" } }
    )

    static let invent = ProviderSchema(
        promptPath: "config.instructions",
        namePath: "name",
        modelPath: "config.model",
        voicePath: "config.tts.voice_id",
        greetingPath: "config.conversation.auto_intro_message",
        updatedAtPatterns: ["updated_at", "actions[*].updated_at", "integrations[*].updated_at"],
        isPromptBearing: { pattern in
            [
                "config.instructions", "actions[*].instructions", "config.conversation.auto_intro_message",
                "config.conversation.welcome_banner", "config.conversation.suggested_messages[*]",
            ].contains(pattern)
        },
        ownerHint: { _, account in "org \(account.org ?? "c")" }
    )

    static let telnyx = ProviderSchema(
        promptPath: "instructions",
        namePath: "name",
        modelPath: "model",
        voicePath: "voice_settings.voice",
        greetingPath: "greeting",
        updatedAtPatterns: [],
        // The conversation flow's nodes may carry prompts of their own (research/providers.md §3.3).
        isPromptBearing: { pattern in
            ["instructions", "greeting", "conversation_flow"].contains(pattern)
                || pattern.hasPrefix("conversation_flow.")
                || pattern.hasPrefix("conversation_flow[")
        },
        ownerHint: { _, _ in nil }
    )

    static let interactly = ProviderSchema(
        promptPath: "assistantSystemPrompt",
        namePath: "name",
        modelPath: "assistantModel",
        voicePath: "config.speech.ttsData[0].voice",
        greetingPath: "welcomeMessage",
        updatedAtPatterns: ["updatedAt"],
        isPromptBearing: { pattern in
            ["assistantSystemPrompt", "welcomeMessage", "endCallMessage", "endCallToolDescription"].contains(pattern)
                || (pattern.hasPrefix("assistantAnalysis.") && pattern.hasSuffix(".prompt"))
        },
        ownerHint: { record, _ in record["teamId"]?.stringValue.map { "team \($0)" } }
    )
}
