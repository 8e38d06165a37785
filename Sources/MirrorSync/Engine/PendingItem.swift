import MirrorCore
import MirrorStore

/// One item of a page on its way to the store: its observation, its current row if any, and the
/// seeded digest of its bytes (`Normalizer.rawDigest`), nil when the adapter had none.
struct PendingItem {
    let observation: AssistantObservation
    var existing: StoredAssistant?
    let rawDigest: Int64?
}
