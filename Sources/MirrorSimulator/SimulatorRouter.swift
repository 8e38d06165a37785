import Foundation
import Synchronization

/// Everything the simulator's HTTP handler and its public API share, behind one mutex: the world, the audit log,
/// pending faults, the request logs and rate-limit windows. Responses are computed under the lock; their wire
/// behaviours (delays, truncation) run afterwards on the connection's thread.
final class SimulatorRouter: Sendable {
    struct PendingFault {
        let fault: SimulatorFault
        let page: Int?
        var remaining: Int
    }

    struct State {
        var world: SimulatedWorld
        var auditLog: SimulatedAuditLog
        var pendingFaults: [SimulatedProvider: [PendingFault]] = [:]
        var pendingAuditLogFaults: [PendingFault] = []
        var requests: [RecordedRequest] = []
        var writes: [RecordedWrite] = []
        var inventRequestTimes: [Date] = []
        var telnyxWindow: (start: Date, count: Int)?
        /// World edits before this index have an editor (and, for Telnyx, their audit events).
        var attributedEdits = 0
        /// The audit fate for the next write through an update endpoint (nil: the options' shares decide).
        var pendingWriteAuditFate: SimulatedAuditFate?

        /// Names the editor of every edit made since the last call (`editor`, or a seeded dashboard user) and
        /// lists the Telnyx ones in the audit log with `fate` (nil: the options' shares decide).
        mutating func attributeEdits(to editor: SimulatedUser?, fate: SimulatedAuditFate?, at now: Date) {
            while attributedEdits < world.edits.count {
                let user = editor ?? auditLog.pickEditor()
                world.setEditor(user, ofEditAt: attributedEdits)
                let edit = world.edits[attributedEdits]
                if edit.provider == .telnyx { auditLog.record(edit, by: user, fate: fate, at: now) }
                attributedEdits += 1
            }
        }
    }

    let formats: ProviderWireFormats
    let apiKeys: [SimulatedProvider: String]
    private let inventRequestsPerMinute: Int
    let now: @Sendable () -> Date
    private let state: Mutex<State>

    init(
        world: SimulatedWorld,
        auditLog: SimulatedAuditLog,
        formats: ProviderWireFormats,
        apiKeys: [SimulatedProvider: String],
        inventRequestsPerMinute: Int,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.formats = formats
        self.apiKeys = apiKeys
        self.inventRequestsPerMinute = inventRequestsPerMinute
        self.now = now
        self.state = Mutex(State(world: world, auditLog: auditLog))
    }

    func withState<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        state.withLock { body(&$0) }
    }

    /// Runs a change to the world and attributes the edits it made (see `State.attributeEdits`); returns the
    /// body's result and those edits, editors named.
    @discardableResult
    func change<Result: Sendable>(
        by editor: SimulatedUser? = nil,
        audit fate: SimulatedAuditFate? = nil,
        _ body: (inout State) -> Result
    ) -> (result: Result, edits: [SimulatedEdit]) {
        state.withLock { state in
            let before = state.world.edits.count
            let result = body(&state)
            state.attributeEdits(to: editor, fate: fate, at: now())
            return (result, Array(state.world.edits[before...]))
        }
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let provider = formats.served.first {
            request.path == $0.pathPrefix || request.path.hasPrefix($0.pathPrefix + "/")
        }
        return state.withLock { state in
            state.requests.append(
                RecordedRequest(
                    provider: provider,
                    method: request.method,
                    path: request.path,
                    query: request.query,
                    headers: request.headers
                )
            )
            guard let provider else {
                let prefixes = formats.served.map(\.pathPrefix).joined(separator: ", ")
                return .json(
                    ["error": "no simulated provider under \(request.path); use one of \(prefixes)"],
                    status: 404
                )
            }
            let subpath = String(request.path.dropFirst(provider.pathPrefix.count))
            let editsBefore = state.world.edits.count
            var response = respond(to: request, provider: provider, subpath: subpath, state: &state)
            // Edits a fault made (`shiftBeforePage`) are someone else's doing in the dashboard.
            state.attributeEdits(to: nil, fate: nil, at: now())
            if !Self.isRead(request) {
                state.writes.append(
                    RecordedWrite(
                        provider: provider,
                        method: request.method,
                        path: request.path,
                        headers: redactedHeaders(request, provider: provider),
                        body: request.body,
                        status: response.status,
                        edits: Array(state.world.edits[editsBefore...])
                    )
                )
            }
            if provider == .telnyx { response.headers += telnyxRateLimitHeaders(&state) }
            return response
        }
    }

    static func isRead(_ request: HTTPRequest) -> Bool {
        request.method == "GET" || request.method == "HEAD"
    }

    private func respond(
        to request: HTTPRequest,
        provider: SimulatedProvider,
        subpath: String,
        state: inout State
    ) -> HTTPResponse {
        let format = formats[provider]
        if provider == .invent, let refusal = inventRateLimit(&state) { return refusal }
        guard let apiKey = apiKeys[provider], format.isAuthorized(request, apiKey: apiKey) else {
            return format.errorResponse(status: 401, message: "Missing or invalid API key")
        }
        if provider == .telnyx, subpath == TelnyxAuditEventsAPI.path {
            guard Self.isRead(request) else { return methodNotAllowed(request, format: format, allow: "GET, HEAD") }
            return auditEventsResponse(request, state: &state)
        }
        let listPath = format.listPath
        if subpath == listPath || subpath == listPath + "/" {
            guard Self.isRead(request) else { return methodNotAllowed(request, format: format, allow: "GET, HEAD") }
            return listResponse(request, provider: provider, state: &state)
        }
        if subpath.hasPrefix(listPath + "/") {
            let id = String(subpath.dropFirst(listPath.count + 1))
            if !id.isEmpty, !id.contains("/") {
                if request.method == format.updateMethod {
                    return updateResponse(request, provider: provider, id: id, state: &state)
                }
                guard Self.isRead(request) else {
                    return methodNotAllowed(request, format: format, allow: "GET, HEAD, \(format.updateMethod)")
                }
                guard let assistant = state.world.liveAssistant(provider, id: id) else {
                    return format.notFoundResponse(id: id)
                }
                return format.singleResponse(assistant.record)
            }
        }
        return format.errorResponse(status: 404, message: "No route for \(request.method) \(request.path)")
    }

    private func methodNotAllowed(_ request: HTTPRequest, format: any ProviderWireFormat, allow: String) -> HTTPResponse
    {
        var refusal = format.errorResponse(
            status: 405,
            message: "\(request.method) is not simulated here; use \(allow)"
        )
        refusal.headers.append(("Allow", allow))
        return refusal
    }

    /// The request's headers with each credential header's token replaced by `[valid key]` or `[wrong key]`
    /// (the scheme kept), so the write log says where the key went without holding it.
    private func redactedHeaders(_ request: HTTPRequest, provider: SimulatedProvider) -> [String: String] {
        var headers = request.headers
        for name in ["authorization", "x-api-key"] {
            guard let value = headers[name] else { continue }
            let verdict = apiKeys[provider].map { value.hasSuffix($0) } == true ? "[valid key]" : "[wrong key]"
            let scheme = value.split(separator: " ", maxSplits: 1).count == 2 ? value.prefix { $0 != " " } + " " : ""
            headers[name] = scheme + verdict
        }
        return headers
    }

    /// "500 requests per minute per IP address" (Invent api-keys page); every loopback client is one IP.
    private func inventRateLimit(_ state: inout State) -> HTTPResponse? {
        let current = now()
        state.inventRequestTimes.removeAll { current.timeIntervalSince($0) >= 60 }
        guard state.inventRequestTimes.count < inventRequestsPerMinute else {
            return formats.invent.errorResponse(
                status: 429,
                message: "Rate limit exceeded: \(inventRequestsPerMinute) requests per minute"
            )
        }
        state.inventRequestTimes.append(current)
        return nil
    }

    /// `x-ratelimit-*` as Telnyx documents them; `reset` is seconds until the window ends.
    private func telnyxRateLimitHeaders(_ state: inout State) -> [(String, String)] {
        let current = now()
        var window = state.telnyxWindow ?? (current, 0)
        if current.timeIntervalSince(window.start) >= 60 { window = (current, 0) }
        window.count += 1
        state.telnyxWindow = window
        let reset = max(0, Int((60 - current.timeIntervalSince(window.start)).rounded(.up)))
        return [
            ("x-ratelimit-limit", String(TelnyxAPI.rateLimitPerMinute)),
            ("x-ratelimit-remaining", String(max(0, TelnyxAPI.rateLimitPerMinute - window.count))),
            ("x-ratelimit-reset", String(reset)),
        ]
    }
}
