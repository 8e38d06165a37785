/// One assistant in the simulated world; deleted ones are kept (same id, same place) so they can be restored.
struct SimulatedAssistant: Sendable {
    let id: String
    /// The wire object, exactly as the list sends it.
    var record: SimulatedJSON
    var isDeleted = false
}
