/// One field's value before and after a revision (the prompt report's nested prompts and greetings).
public struct ValueChange: Sendable, Equatable {
    public let path: String
    public let oldValue: String?
    public let newValue: String?

    public init(path: String, oldValue: String?, newValue: String?) {
        self.path = path
        self.oldValue = oldValue
        self.newValue = newValue
    }
}
