import Foundation

extension SimulatorRouter {
    /// The provider's documented update call: read the body against its document, apply each changed leaf to
    /// the world as the key owner's edit (moving `updated_at` where the provider has one, even for a save that
    /// changes nothing, as an ORM's auto-timestamp does), and reply as the document shows.
    func updateResponse(
        _ request: HTTPRequest,
        provider: SimulatedProvider,
        id: String,
        state: inout State
    ) -> HTTPResponse {
        let format = formats[provider]
        guard let current = state.world.liveAssistant(provider, id: id)?.record else {
            return format.notFoundResponse(id: id)
        }
        let changes: [(path: SimulatedFieldPath, value: SimulatedJSON)]
        switch UpdateBody(request, format: format, current: current) {
        case .refused(let refusal): return refusal
        case .changes(let leaves): changes = leaves.filter { current.value(at: $0.path) != $0.value }
        }
        for change in changes {
            state.world.setField(provider, id: id, path: change.path, value: change.value, bumpUpdatedAt: true)
        }
        if changes.isEmpty { state.world.touch(provider, id: id) }
        state.attributeEdits(to: .keyOwner, fate: state.pendingWriteAuditFate, at: now())
        state.pendingWriteAuditFate = nil
        let record = state.world.liveAssistant(provider, id: id)?.record ?? current
        return format.updateResponse(record)
    }

    /// `GET /audit_events` (Telnyx): the events visible now, filtered, sorted and paged.
    func auditEventsResponse(_ request: HTTPRequest, state: inout State) -> HTTPResponse {
        let endpoint = TelnyxAuditEventsAPI(telnyx: formats.telnyx)
        let query: TelnyxAuditEventsAPI.Query
        switch endpoint.parse(request.query) {
        case .rejected(let refusal): return refusal
        case .query(let parsed): query = parsed
        }
        let fault = Self.consume(&state.pendingAuditLogFaults, page: query.page.number)
        if let early = Self.earlyResponse(to: fault, format: formats.telnyx) { return early }
        let events = state.auditLog.visibleEvents(at: now())
        return Self.lateEffects(of: fault, on: endpoint.response(events, query: query))
    }
}
