/// The values of an account's `write` key: whether prompts may be written through the mirror.
public enum WriteSwitch: String, Sendable, CaseIterable {
    case on, off
}
