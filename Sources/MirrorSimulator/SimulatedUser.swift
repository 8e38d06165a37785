/// Someone the simulator attributes an edit to: ground truth for "who changed it", and the `user_id` /
/// `change_made_by` of Telnyx audit events (developers.telnyx.com, List Audit Logs).
public struct SimulatedUser: Sendable, Hashable, CustomStringConvertible {
    /// A UUID, as Telnyx's `user_id`.
    public let id: String
    public let name: String
    /// Telnyx's `change_made_by`: `account_owner`, `organization_member`, `account_manager` or `telnyx`.
    public let changeMadeBy: String

    public var description: String { "\(name) (\(id))" }

    /// The API keys' owner: every write through an update endpoint is made as this user.
    public static let keyOwner = SimulatedUser(
        id: "5d0e6a4c-1f2b-4c3d-8e9f-0a1b2c3d4e5f",
        name: "Avery Okafor",
        changeMadeBy: "account_owner"
    )

    /// People who edit assistants in the providers' dashboards; `advance()` picks among them.
    public static let dashboardEditors: [SimulatedUser] = [
        keyOwner,
        SimulatedUser(
            id: "8a7b6c5d-4e3f-4a1b-9c2d-3e4f5a6b7c8d",
            name: "Mei Tanaka",
            changeMadeBy: "organization_member"
        ),
        SimulatedUser(
            id: "c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5",
            name: "Omar Haddad",
            changeMadeBy: "organization_member"
        ),
    ]
}
