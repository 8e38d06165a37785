/// `[mirror] wal-checkpoints`: who resets the WAL.
///
/// `daemon` (the default): SQLite's automatic PASSIVE checkpoints, plus a TRUNCATE checkpoint when the
/// WAL passes 64 MiB. `litestream`: Litestream (https://litestream.io) replicates by copying WAL frames
/// before they are checkpointed and runs the checkpoints itself; a TRUNCATE or RESTART checkpoint by the
/// daemon would reset the WAL under it and cost a fresh snapshot, so the daemon runs none and turns its
/// automatic checkpoints off, as https://litestream.io/tips/ recommends for busy writers.
public enum WALCheckpointOwner: String, Sendable, CaseIterable {
    case daemon
    case litestream
}
