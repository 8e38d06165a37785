extension ProviderSimulator {
    /// Ground truth for every Telnyx change so far, in order: who made it and what the audit log did with it.
    public var auditTrail: [SimulatedAuditEntry] { router.withState { $0.auditLog.entries } }

    /// Makes every late audit event visible now, so a test need not wait out `AuditLogOptions.lateDelay`.
    public func releaseLateAuditEvents() {
        let now = router.now()
        router.withState { $0.auditLog.releaseLateEvents(at: now) }
    }

    /// What the audit log does with the next write through Telnyx's update endpoint (its editor is always the
    /// key owner); without it the options' shares decide.
    public func setAuditFateOfNextWrite(_ fate: SimulatedAuditFate) {
        router.withState { $0.pendingWriteAuditFate = fate }
    }

    /// Arms a fault for `GET /audit_events` (Telnyx): for page `page` (nil: the next request), `times` times.
    /// Faults that concern assistants (`wrongTypes`, `loopingNext`, `shiftBeforePage`) do nothing here.
    public func injectAuditLogFault(_ fault: SimulatorFault, page: Int? = nil, times: Int = 1) {
        guard times > 0 else { return }
        router.withState { $0.pendingAuditLogFaults.append(.init(fault: fault, page: page, remaining: times)) }
    }
}
