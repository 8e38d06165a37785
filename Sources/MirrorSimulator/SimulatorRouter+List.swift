import Foundation

extension SimulatorRouter {
    func listResponse(_ request: HTTPRequest, provider: SimulatedProvider, state: inout State) -> HTTPResponse {
        let format = formats[provider]
        let page: PageRequest
        switch format.listParameters(request.query) {
        case .rejected(let refusal): return refusal
        case .page(let requested): page = requested
        }
        let fault = Self.consume(&state.pendingFaults[provider, default: []], page: page.number)
        if let early = Self.earlyResponse(to: fault, format: format) { return early }
        if fault == .shiftBeforePage, let first = state.world.liveAssistants(provider).first {
            state.world.delete(provider, id: first.id)
        }

        let repeatsFirstPage = format.servesOnlyFirstPage || (fault == .loopingNext && !format.loopsThroughNextLink)
        var ordered = state.world.allAssistants(provider)
        if page.newestFirst { ordered.reverse() }
        var start = ((repeatsFirstPage ? 1 : page.number) - 1) * page.size
        if let after = page.after, !repeatsFirstPage {
            // A cursor keeps its place even when its assistant was deleted since, as an index on creation does.
            guard let position = ordered.firstIndex(where: { $0.id == after }) else {
                return format.errorResponse(status: 400, message: "Invalid 'after': no assistant with id '\(after)'.")
            }
            ordered.removeFirst(position + 1)
            start = 0
        }
        let live = ordered.filter { !$0.isDeleted }.map(\.record)
        start = min(live.count, start)
        let end = min(live.count, start + page.size)
        var items = Array(live[start..<end])
        if fault == .wrongTypes { items = wrongTypeItems(from: items, idKey: format.idKey) }

        let host = request.headers["host"] ?? "127.0.0.1"
        let context = ListContext(
            apiRoot: "http://\(host)\(provider.pathPrefix)",
            query: request.query,
            loopsNext: fault == .loopingNext,
            hasMore: fault == .loopingNext || end < live.count
        )
        let total = state.world.liveAssistants(provider).count
        return Self.lateEffects(
            of: fault,
            on: format.listResponse(items: items, total: total, page: page, context: context)
        )
    }

    /// The fault's whole answer when it replaces the response (a status, a closed connection, an HTML page).
    static func earlyResponse(to fault: SimulatorFault?, format: any ProviderWireFormat) -> HTTPResponse? {
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
        default:
            return nil
        }
    }

    /// The fault's damage to a computed response: a cut body, a short write, a delay.
    static func lateEffects(of fault: SimulatorFault?, on response: HTTPResponse) -> HTTPResponse {
        var response = response
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

    /// Takes the first fault armed for `page` (or for any page) off `pending`.
    static func consume(_ pending: inout [PendingFault], page: Int) -> SimulatorFault? {
        guard let index = pending.firstIndex(where: { $0.page == nil || $0.page == page }) else { return nil }
        let fault = pending[index].fault
        pending[index].remaining -= 1
        if pending[index].remaining <= 0 { pending.remove(at: index) }
        return fault
    }

    /// Valid JSON in the right envelope, but an item that is not an object and an id that is a number.
    private func wrongTypeItems(from items: [SimulatedJSON], idKey: String) -> [SimulatedJSON] {
        var numbered = items.first ?? [:]
        numbered.set(.integer(12345), at: SimulatedFieldPath(components: [idKey]))
        return [.integer(42), .string("assistant"), numbered]
    }
}
