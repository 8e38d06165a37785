import Foundation

/// Realistic fake APIs of all four providers on one loopback HTTP server, with ground truth for tests and the
/// demo: what each assistant looks like now, every change applied so far, and faults to inject on demand.
/// Prefixes: `/puretalk/api`, `/invent`, `/telnyx/v2`, `/interactly` (see `baseURL(for:)`).
public final class ProviderSimulator: Sendable {
    private let server: HTTPServer
    let router: SimulatorRouter
    /// The `{org}` Invent's list path is served under.
    public let inventOrg: String

    public init(options: Options = Options(), host: String = "127.0.0.1", port: UInt16 = 0) throws {
        let formats = ProviderWireFormats(
            puretalk: PureTalkAPI(),
            invent: InventAPI(org: options.inventOrg),
            telnyx: TelnyxAPI(sendsMeta: options.telnyxSendsMeta),
            interactly: InteractlyAPI(shape: options.interactly),
            served: SimulatedProvider.builtIn + (options.servesOpenAIStyle ? [.openAIStyle] : [])
        )
        let world = SimulatedWorld(
            formats: formats,
            seed: options.seed,
            assistantsPerProvider: options.assistantsPerProvider,
            includeHugePrompt: options.includeHugePrompt,
            clockStart: options.clockStart,
            populatedProviders: options.populatedProviders,
            promptBytes: options.promptBytes
        )
        let router = SimulatorRouter(
            world: world,
            auditLog: SimulatedAuditLog(seed: options.seed, options: options.auditLog),
            formats: formats,
            apiKeys: Options.defaultAPIKeys.merging(options.apiKeys) { _, chosen in chosen },
            inventRequestsPerMinute: options.inventRequestsPerMinute
        )
        self.router = router
        self.inventOrg = options.inventOrg
        self.server = try HTTPServer(host: host, port: port) { router.handle($0) }
    }

    public func start() {
        server.start()
    }

    public func stop() {
        server.stop()
    }

    public var port: UInt16 { server.port }

    /// The API root for a mirror account's `base-url`, e.g. `http://127.0.0.1:PORT/puretalk/api`.
    public func baseURL(for provider: SimulatedProvider) -> URL {
        server.baseURL.appendingPathComponent(String(provider.pathPrefix.dropFirst()))
    }

    public var apiKeys: [SimulatedProvider: String] { router.apiKeys }

    /// The providers served: the four built-ins, and `openAIStyle` when `Options.servesOpenAIStyle` is set.
    public var servedProviders: [SimulatedProvider] { router.formats.served }

    // MARK: Ground truth

    /// Live assistants' ids in list order (creation order).
    public func assistantIDs(_ provider: SimulatedProvider) -> [String] {
        router.withState { $0.world.liveAssistants(provider).map(\.id) }
    }

    /// The wire object exactly as the list sends it; nil when unknown or deleted.
    public func record(_ provider: SimulatedProvider, id: String) -> [String: Any]? {
        let record = router.withState { $0.world.liveAssistant(provider, id: id)?.record }
        return record?.foundationObject as? [String: Any]
    }

    /// The provider's main prompt field (`prompt`, `config.instructions`, `instructions`,
    /// `assistantSystemPrompt`).
    public func mainPrompt(_ provider: SimulatedProvider, id: String) -> String? {
        router.withState { $0.world.mainPrompt(provider, id: id) }
    }

    /// Every change applied so far, in order.
    public var edits: [SimulatedEdit] { router.withState { $0.world.edits } }

    // MARK: Driving changes

    /// A seeded round of realistic edits across providers: mostly prompt edits (main and nested), sometimes a
    /// non-prompt field, a create, a delete or a restore; each by a seeded dashboard user.
    @discardableResult
    public func advance(editCount: Int = 3) -> [SimulatedEdit] {
        router.change { $0.world.advance(editCount: editCount) }.edits
    }

    /// Replaces the main prompt; false when the id is unknown or deleted. Telnyx has no `updated_at` to bump.
    /// `editor` (default: a seeded dashboard user) is who made it; `audit` what Telnyx's audit log does with it
    /// (default: `Options.auditLog`'s shares decide).
    @discardableResult
    public func editPrompt(
        _ provider: SimulatedProvider,
        id: String,
        to newPrompt: String,
        bumpUpdatedAt: Bool = true,
        by editor: SimulatedUser? = nil,
        audit: SimulatedAuditFate? = nil
    ) -> Bool {
        router.change(by: editor, audit: audit) {
            $0.world.editPrompt(provider, id: id, to: newPrompt, bumpUpdatedAt: bumpUpdatedAt)
        }.result
    }

    /// Moves `updated_at` only; false for Telnyx (no such field) or an unknown id.
    @discardableResult
    public func touch(_ provider: SimulatedProvider, id: String) -> Bool {
        router.change { $0.world.touch(provider, id: id) }.result
    }

    /// Sets a field by dotted path (`config.model`, `actions.0.instructions`); missing object members are
    /// created. False when the id is unknown, the value is not JSON, or the path runs through a scalar or past
    /// the end of an array. `editor` and `audit` as for `editPrompt`.
    @discardableResult
    public func setField(
        _ provider: SimulatedProvider,
        id: String,
        path: String,
        value: Any,
        bumpUpdatedAt: Bool,
        by editor: SimulatedUser? = nil,
        audit: SimulatedAuditFate? = nil
    ) -> Bool {
        guard let json = SimulatedJSON(foundation: value) else { return false }
        return router.change(by: editor, audit: audit) {
            $0.world.setField(
                provider,
                id: id,
                path: SimulatedFieldPath(dotted: path),
                value: json,
                bumpUpdatedAt: bumpUpdatedAt
            )
        }.result
    }

    /// Creates an assistant at the end of the list; returns its id.
    @discardableResult
    public func create(_ provider: SimulatedProvider) -> String {
        router.change { $0.world.create(provider) }.result
    }

    @discardableResult
    public func delete(_ provider: SimulatedProvider, id: String) -> Bool {
        router.change { $0.world.delete(provider, id: id) }.result
    }

    /// Brings a deleted assistant back: same id, same content, same place in the list.
    @discardableResult
    public func restore(_ provider: SimulatedProvider, id: String) -> Bool {
        router.change { $0.world.restore(provider, id: id) }.result
    }

    public func removeAll(_ provider: SimulatedProvider) {
        router.change { $0.world.removeAll(provider) }
    }

    // MARK: Faults and the request log

    /// Arms a fault for `provider`'s list requests: for page `page` (nil: whichever list request comes next),
    /// `times` times. Faults fire in the order they were injected.
    public func inject(_ fault: SimulatorFault, provider: SimulatedProvider, page: Int? = nil, times: Int = 1) {
        guard times > 0 else { return }
        router.withState {
            $0.pendingFaults[provider, default: []].append(.init(fault: fault, page: page, remaining: times))
        }
    }

    public var requests: [RecordedRequest] { router.withState { $0.requests } }

    /// Every request that was not a read (updates and stray methods), with its body and outcome, keys redacted.
    public var writes: [RecordedWrite] { router.withState { $0.writes } }

    /// Empties both logs, `requests` and `writes`.
    public func resetRequestLog() {
        router.withState {
            $0.requests.removeAll()
            $0.writes.removeAll()
        }
    }
}
