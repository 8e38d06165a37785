-- 0002: retention. History may be pruned, but only by the mirror's own prune, and never invisibly:
-- each prune is an entry in the hash chain (it shares the revisions' seq numbers) that commits to the
-- gaps it leaves, so `verify` can bridge exactly those gaps and no other. Only revisions that changed
-- no prompt-bearing field, are not an assistant's current revision, and are older than the cut-off
-- are ever removed; creations, deletions, restorations and prompt changes stay forever.

CREATE TABLE history_prunes (
    seq         INTEGER PRIMARY KEY,
    pruned_at   TEXT NOT NULL,
    cutoff      TEXT NOT NULL,
    removed     INTEGER NOT NULL,
    prev_hash   TEXT NOT NULL,
    row_hash    TEXT NOT NULL
) STRICT;

-- One row per run of removed revisions: verify expects bridge_from before first_seq and accepts
-- bridge_to as the stored prev_hash of resume_seq, the first entry after the gap.
CREATE TABLE history_prune_gaps (
    prune_seq    INTEGER NOT NULL REFERENCES history_prunes(seq),
    first_seq    INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL,
    resume_seq   INTEGER NOT NULL,
    bridge_from  TEXT NOT NULL,
    bridge_to    TEXT NOT NULL,
    PRIMARY KEY (prune_seq, first_seq)
) STRICT;

-- Holds a row only inside the prune's own transaction; the delete triggers let deletions through
-- only then. Anyone with write access could do the same, which the chain then reports.
CREATE TABLE pruning_in_progress (started_at TEXT NOT NULL) STRICT;

DROP TRIGGER revisions_are_append_only_delete;
CREATE TRIGGER revisions_are_append_only_delete BEFORE DELETE ON revisions
WHEN NOT EXISTS (SELECT 1 FROM pruning_in_progress)
BEGIN SELECT RAISE(ABORT, 'history is append-only: revisions cannot be deleted'); END;

DROP TRIGGER revision_fields_are_append_only_delete;
CREATE TRIGGER revision_fields_are_append_only_delete BEFORE DELETE ON revision_fields
WHEN NOT EXISTS (SELECT 1 FROM pruning_in_progress)
BEGIN SELECT RAISE(ABORT, 'history is append-only: field changes cannot be deleted'); END;

CREATE TRIGGER history_prunes_are_append_only_update BEFORE UPDATE ON history_prunes
BEGIN SELECT RAISE(ABORT, 'history is append-only: prune records cannot be updated'); END;
CREATE TRIGGER history_prunes_are_append_only_delete BEFORE DELETE ON history_prunes
BEGIN SELECT RAISE(ABORT, 'history is append-only: prune records cannot be deleted'); END;
CREATE TRIGGER history_prune_gaps_are_append_only_update BEFORE UPDATE ON history_prune_gaps
BEGIN SELECT RAISE(ABORT, 'history is append-only: prune gaps cannot be updated'); END;
CREATE TRIGGER history_prune_gaps_are_append_only_delete BEFORE DELETE ON history_prune_gaps
BEGIN SELECT RAISE(ABORT, 'history is append-only: prune gaps cannot be deleted'); END;
