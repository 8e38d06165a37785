/// One event of a provider's audit log (Telnyx `GET /audit_events`), with the fields attribution reads
/// lifted out and the whole event kept as the provider sent it (the sync engine redacts `record` before
/// it is stored, as it does snapshots).
public struct AuditEvent: Sendable, Equatable {
    public var eventID: String
    /// The assistant (or other resource) the change was made to.
    public var resourceID: String?
    public var userID: String?
    /// Telnyx: `account_owner`, `organization_member`, `account_manager` or `telnyx`.
    public var changeMadeBy: String?
    public var changeType: String?
    /// In the mirror's timestamp form (`Timestamp`), so it compares with `observed_at`.
    public var createdAt: String
    public var record: JSONValue

    public init(
        eventID: String,
        resourceID: String?,
        userID: String?,
        changeMadeBy: String?,
        changeType: String?,
        createdAt: String,
        record: JSONValue
    ) {
        self.eventID = eventID
        self.resourceID = resourceID
        self.userID = userID
        self.changeMadeBy = changeMadeBy
        self.changeType = changeType
        self.createdAt = createdAt
        self.record = record
    }

    /// How an attribution names the event's editor: `user <user_id> (<change_made_by>)`, either part
    /// alone when the other is missing, `unnamed editor` when the event names nobody.
    public var editor: String { Self.editor(userID: userID, changeMadeBy: changeMadeBy) }

    public static func editor(userID: String?, changeMadeBy: String?) -> String {
        switch (userID, changeMadeBy) {
        case (let user?, let role?): "user \(user) (\(role))"
        case (let user?, nil): "user \(user)"
        case (nil, let role?): role
        case (nil, nil): "unnamed editor"
        }
    }
}
