import Foundation
import Synchronization

/// Everything the simulator's HTTP handler and its public API share, behind one mutex: the world, pending
/// faults, the request log and rate-limit windows. Responses are computed under the lock; their wire
/// behaviours (delays, truncation) run afterwards on the connection's thread.
final class SimulatorRouter: Sendable {
    struct PendingFault {
        let fault: SimulatorFault
        let page: Int?
        var remaining: Int
    }

    struct State {
        var world: SimulatedWorld
        var pendingFaults: [SimulatedProvider: [PendingFault]] = [:]
        var requests: [RecordedRequest] = []
        var inventRequestTimes: [Date] = []
        var telnyxWindow: (start: Date, count: Int)?
    }

    let formats: ProviderWireFormats
    let apiKeys: [SimulatedProvider: String]
    private let inventRequestsPerMinute: Int
    private let now: @Sendable () -> Date
    private let state: Mutex<State>

    init(
        world: SimulatedWorld,
        formats: ProviderWireFormats,
        apiKeys: [SimulatedProvider: String],
        inventRequestsPerMinute: Int,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.formats = formats
        self.apiKeys = apiKeys
        self.inventRequestsPerMinute = inventRequestsPerMinute
        self.now = now
        self.state = Mutex(State(world: world))
    }

    func withState<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        state.withLock { body(&$0) }
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let provider = SimulatedProvider.allCases.first {
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
                return .json(
                    ["error": "no simulated provider under \(request.path); use one of \(Self.prefixList)"],
                    status: 404
                )
            }
            let subpath = String(request.path.dropFirst(provider.pathPrefix.count))
            var response = respond(to: request, provider: provider, subpath: subpath, state: &state)
            if provider == .telnyx { response.headers += telnyxRateLimitHeaders(&state) }
            return response
        }
    }

    private static let prefixList = SimulatedProvider.allCases.map(\.pathPrefix).joined(separator: ", ")

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
        guard request.method == "GET" || request.method == "HEAD" else {
            var refusal = format.errorResponse(status: 405, message: "\(request.method) is not simulated; use GET")
            refusal.headers.append(("Allow", "GET, HEAD"))
            return refusal
        }
        let listPath = format.listPath
        if subpath == listPath || subpath == listPath + "/" {
            return listResponse(request, provider: provider, state: &state)
        }
        if subpath.hasPrefix(listPath + "/") {
            let id = String(subpath.dropFirst(listPath.count + 1))
            if !id.isEmpty, !id.contains("/") {
                guard let assistant = state.world.liveAssistant(provider, id: id) else {
                    return format.notFoundResponse(id: id)
                }
                return format.singleResponse(assistant.record)
            }
        }
        return format.errorResponse(status: 404, message: "No route for \(request.method) \(request.path)")
    }

    private func listResponse(_ request: HTTPRequest, provider: SimulatedProvider, state: inout State) -> HTTPResponse {
        let format = formats[provider]
        let page: PageRequest
        switch format.listParameters(request.query) {
        case .rejected(let refusal): return refusal
        case .page(let requested): page = requested
        }
        let fault = consumeFault(provider, page: page.number, state: &state)
        switch fault {
        case .closeConnection:
            return HTTPResponse(behavior: .closeWithoutResponse)
        case .status(let status, let retryAfter):
            var response = format.errorResponse(status: status, message: HTTPResponse.reasonPhrase(for: status))
            if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
            return response
        case .html200:
            let html =
                "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>"
                + "<body><h1>We'll be right back</h1></body></html>\n"
            return HTTPResponse(headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
        case .shiftBeforePage:
            if let first = state.world.liveAssistants(provider).first {
                state.world.delete(provider, id: first.id)
            }
        default:
            break
        }

        let live = state.world.liveAssistants(provider).map(\.record)
        let repeatsFirstPage = format.servesOnlyFirstPage || (fault == .loopingNext && !format.loopsThroughNextLink)
        let servedPage = repeatsFirstPage ? 1 : page.number
        let start = min(live.count, (servedPage - 1) * page.size)
        var items = Array(live[start..<min(live.count, start + page.size)])
        if fault == .wrongTypes { items = wrongTypeItems(from: items, idKey: format.idKey) }

        let host = request.headers["host"] ?? "127.0.0.1"
        let context = ListContext(
            apiRoot: "http://\(host)\(provider.pathPrefix)",
            query: request.query,
            loopsNext: fault == .loopingNext
        )
        var response = format.listResponse(items: items, total: live.count, page: page, context: context)
        switch fault {
        case .malformedJSON:
            response.body = response.body.prefix(max(1, response.body.count / 2))
        case .truncatedBody:
            response.behavior = .truncateBody(afterBytes: response.body.count / 2)
        case .slow(let seconds):
            response.behavior = .delay(seconds: seconds)
        default:
            break
        }
        return response
    }

    /// Valid JSON in the right envelope, but an item that is not an object and an id that is a number.
    private func wrongTypeItems(from items: [SimulatedJSON], idKey: String) -> [SimulatedJSON] {
        var numbered = items.first ?? [:]
        numbered.set(.integer(12345), at: SimulatedFieldPath(components: [idKey]))
        return [.integer(42), .string("assistant"), numbered]
    }

    private func consumeFault(_ provider: SimulatedProvider, page: Int, state: inout State) -> SimulatorFault? {
        guard var pending = state.pendingFaults[provider],
            let index = pending.firstIndex(where: { $0.page == nil || $0.page == page })
        else { return nil }
        let fault = pending[index].fault
        pending[index].remaining -= 1
        if pending[index].remaining <= 0 { pending.remove(at: index) }
        state.pendingFaults[provider] = pending
        return fault
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
