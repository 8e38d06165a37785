public struct FieldChange: Sendable, Equatable {
    public let path: String
    public let oldValue: String?
    public let newValue: String?
    public let promptBearing: Bool

    public init(path: String, oldValue: String?, newValue: String?, promptBearing: Bool) {
        self.path = path
        self.oldValue = oldValue
        self.newValue = newValue
        self.promptBearing = promptBearing
    }
}
