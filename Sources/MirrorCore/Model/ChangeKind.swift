/// What happened to an assistant in one revision.
public enum ChangeKind: String, Sendable, CaseIterable {
    case created, updated, deleted, restored
}
