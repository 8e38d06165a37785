import Foundation

extension ProviderSimulator {
    /// How the simulated world is seeded and how the providers behave.
    public struct Options: Sendable {
        public static let defaultAPIKeys: [SimulatedProvider: String] = Dictionary(
            uniqueKeysWithValues: SimulatedProvider.everyProvider.map { ($0, "sim-\($0.rawValue)-key") }
        )
        /// 2026-11-01T09:00:00Z: a fixed start, so timestamps depend on the seed only.
        public static let defaultClockStart = Date(timeIntervalSince1970: 1_793_523_600)

        public var seed: UInt64
        public var assistantsPerProvider: Int
        /// Gives one PureTalk assistant a ~200 KB prompt.
        public var includeHugePrompt: Bool
        /// Keys the simulator accepts; providers left out keep their default (`sim-puretalk-key`, …).
        public var apiKeys: [SimulatedProvider: String]
        /// The `{org}` in Invent's `/orgs/{org}/assistants`; `c` means "the key's own org".
        public var inventOrg: String
        public var interactly: InteractlyShape
        /// Telnyx's undocumented `meta`; without it the list is one page of `page[size]` items.
        public var telnyxSendsMeta: Bool
        /// Invent's documented limit is 500 per minute per IP; lower it to test 429 handling cheaply.
        public var inventRequestsPerMinute: Int
        /// Where the simulated clock starts (seeded assistants were created in the weeks before it).
        public var clockStart: Date
        /// Also serve the OpenAI-Assistants-shaped API under `/openai-style` (off: the sample configuration,
        /// `demo` and the built-in adapters know only the four providers).
        public var servesOpenAIStyle: Bool
        /// How Telnyx's audit log delays, loses and doubles events.
        public var auditLog: AuditLogOptions
        /// The providers that get `assistantsPerProvider` assistants; the others start empty.
        public var populatedProviders: [SimulatedProvider]
        /// Pads each seeded main prompt with seeded prose to a length in this range (UTF-8 bytes), for
        /// benchmarks of realistic 2–4 KB prompts; nil keeps the personas' own prompts.
        public var promptBytes: ClosedRange<Int>?

        public init(
            seed: UInt64 = 1,
            assistantsPerProvider: Int = 12,
            includeHugePrompt: Bool = true,
            apiKeys: [SimulatedProvider: String] = Options.defaultAPIKeys,
            inventOrg: String = "c",
            interactly: InteractlyShape = .default,
            telnyxSendsMeta: Bool = true,
            inventRequestsPerMinute: Int = 500,
            clockStart: Date = Options.defaultClockStart,
            servesOpenAIStyle: Bool = false,
            auditLog: AuditLogOptions = .punctual,
            populatedProviders: [SimulatedProvider] = SimulatedProvider.everyProvider,
            promptBytes: ClosedRange<Int>? = nil
        ) {
            self.seed = seed
            self.assistantsPerProvider = assistantsPerProvider
            self.includeHugePrompt = includeHugePrompt
            self.apiKeys = apiKeys
            self.inventOrg = inventOrg
            self.interactly = interactly
            self.telnyxSendsMeta = telnyxSendsMeta
            self.inventRequestsPerMinute = inventRequestsPerMinute
            self.clockStart = clockStart
            self.servesOpenAIStyle = servesOpenAIStyle
            self.auditLog = auditLog
            self.populatedProviders = populatedProviders
            self.promptBytes = promptBytes
        }
    }
}
