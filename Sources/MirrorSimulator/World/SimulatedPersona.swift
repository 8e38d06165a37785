/// The provider-neutral content of one seeded assistant; each provider's wire format places it in its own fields.
struct SimulatedPersona: Sendable {
    struct Task: Sendable {
        let name: String
        let prompt: String
    }

    let name: String
    /// The main prompt: several lines, often with non-ASCII text (see `PersonaCatalog`).
    let prompt: String
    let greeting: String
    let farewell: String
    /// BCP 47, e.g. `en-US`, `ja-JP`.
    let language: String
    /// IANA zone name.
    let timezone: String
    let suggestedMessages: [String]
    /// Sub-prompts: PureTalk `llm_states`, Invent `actions`.
    let tasks: [Task]
}
